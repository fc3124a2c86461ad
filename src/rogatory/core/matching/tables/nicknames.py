"""Given-name equivalence groups for European names: hypocoristics and cross-language forms.

Source/basis: written for Rogatory from general knowledge of English, German, French, Spanish,
Italian, Portuguese, Dutch, Polish and Russian naming (diminutives such as Tom for Thomas, Bill
for William, Sasha for Alexander; cognate forms such as Johann/Juan/Giovanni are deliberately
NOT grouped, since registers treat them as different names). Licence: Apache-2.0 (our own work).

Each line: ``group id: spellings``. A spelling may appear in several groups (``al`` is short for
Albert, Alfred and Alan); a token then belongs to all of them.
"""

from typing import Final

_RAW: Final[str] = """
abraham: abraham abe bram
albert: albert al bert bertie
alexander: alexander alex alec alick sandy sasha aleksandr aleksander alexandr sacha
alexandra: alexandra alex sandra sasha aleksandra sandy
alfred: alfred al alf alfie fred freddie
andrew: andrew andy drew
anthony: anthony tony antony anton
arthur: arthur art artie
barbara: barbara babs barb barbie
benjamin: benjamin ben benny benji bibi
catherine: catherine katherine kathryn catharine kate katie kathy cathy kitty kat katharine
charles: charles charlie chuck chas carl
charlotte: charlotte lottie charlie
christopher: christopher chris kit topher
daniel: daniel dan danny
david: david dave davey davy
deborah: deborah debra debbie deb
dorothy: dorothy dot dottie dolly
edward: edward ed eddie ted teddy ned
edmund: edmund ed eddie ned
eleanor: eleanor elinor ellie nell nellie nora
elizabeth: elizabeth elisabeth eliza liz lizzie beth betty bess bessie betsy libby lisa elsie
emily: emily em emmy millie
frances: frances fran fanny frankie
francis: francis frank frankie
frederick: frederick fred freddie fritz
gerald: gerald gerry jerry
gregory: gregory greg
harold: harold harry hal
helen: helen nell nellie ellen
henry: henry harry hal hank
isabel: isabel isabella bella izzy
jacob: jacob jake
james: james jim jimmy jamie jem
jane: jane jenny jennie janet
jennifer: jennifer jenny jen
john: john jack johnny jock
jonathan: jonathan jon jonny
joseph: joseph joe joey jos
judith: judith judy jude
katherine_k: katharina katrin katja
lawrence: lawrence laurence larry laurie
leonard: leonard leo len lenny
louis: louis lou lewis
margaret: margaret maggie meg peggy marge madge margie greta gretchen rita daisy
mary: mary molly polly mae mamie
matthew: matthew matt matty
michael: michael mike mick mickey mikey
nicholas: nicholas nick nicky nico klaus
nathaniel: nathaniel nathan nat nate
patricia: patricia pat patty tricia trish
patrick: patrick pat paddy
peter: peter pete
philip: philip phillip phil pip
rebecca: rebecca becky becca
richard: richard dick rick ricky rich richie
robert: robert bob bobby rob robbie bert
ronald: ronald ron ronnie
samuel: samuel sam sammy
sarah: sarah sally sadie
stephen: stephen steven steve stevie
susan: susan sue susie suzanne
theodore: theodore ted teddy theo
thomas: thomas tom tommy thom
timothy: timothy tim timmy
victoria: victoria vicky tori
walter: walter walt wally
william: william will willie willy bill billy liam wilhelm
zachary: zachary zach zack
agnes: agnes nessie aggie
ann: ann anne anna annie nancy nan
josephine: josephine josie jo
johann: johann hans hannes
wolfgang: wolfgang wolf
friedrich: friedrich fritz
jose: jose pepe
francisco: francisco paco pancho
manuel: manuel manolo
giuseppe: giuseppe beppe peppino
dmitry: dmitry dmitri dmitriy dima mitya
ivan: ivan vanya
mikhail: mikhail misha
vladimir: vladimir volodya vova
yekaterina: yekaterina ekaterina katya
yelena: yelena elena lena
maria_ru: mariya maria masha
nikolay: nikolay nikolai kolya
sergey: sergey sergei serhii serhiy seryozha
yevgeny: yevgeny evgeny yevgeniy evgeniy zhenya
"""


def _parse(raw: str) -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for line in raw.strip().splitlines():
        group, spellings = line.split(":")
        groups[group.strip()] = tuple(dict.fromkeys(spellings.split()))
    return groups


GROUPS: Final[dict[str, tuple[str, ...]]] = _parse(_RAW)
