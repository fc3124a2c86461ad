"""Frequent Arabic given names, with their Arabic-script forms and common Latin spellings.

Source/basis: written for Rogatory from knowledge of Arabic naming practice (theophoric
``Abd al-`` names, names of the Prophet's family and companions, common virtue names) and of the
spellings found in Anglophone, Francophone (Maghreb) and Turkic/South-Asian usage. It is not
derived from any data set. Licence: Apache-2.0 (our own work).

Each line: ``group id | Arabic forms (space separated) | Latin spellings (space separated)``.
A group id is a stable, lower-case scholarly-style spelling. Spellings are lower-case ASCII.
Arabic forms are single words: compounds are written joined (``عبدالله``), as the analyser joins
``عبد`` with the following word before the lookup. ``arabic_more`` holds the rest of the names
and the parts of the generated ``Abd al-`` and ``-al-Din`` compounds.
"""

import re
from typing import Final

from rogatory.core.matching.tables.arabic_more import ABD_ROOTS, DIN_ROOTS, NAMES

_RAW: Final[str] = """
muhammad|محمد مُحمد|muhammad mohammed mohammad mohamed mohamad muhammed mohammod mohamud
muhammad|محمد|mahomed muhamad mohd mehmet
muhammad|محمد|md muhd mhd mohamad mohammed muhammed
muhammad|محمد|mehmed mahammad muhamed mouhamed mohamedou
ahmad|أحمد احمد|ahmad ahmed ahmet achmed akhmed ahamed ehmad
mahmud|محمود|mahmud mahmoud mahmood mehmood mahmut makhmud
mustafa|مصطفى مصطفي|mustafa mostafa moustafa mustapha mostapha mustafah
ali|علي على|ali aly alee
hasan|حسن|hasan hassan hasen hassane
husayn|حسين|husayn hussein husein hussain hosein hossein husain houssein huseyin
umar|عمر|umar omar omer oumar
uthman|عثمان|uthman othman osman usman ousmane uthmaan
abu_bakr|أبوبكر ابوبكر|abubakr abubakar aboubakar boubacar abubaker
khalid|خالد|khalid khaled khaleed halid
walid|وليد|walid waleed oualid
said|سعيد|said saeed saied saeid sayeed
saad|سعد|saad sad saad saed
salim|سليم سالم|salim saleem selim salem
salih|صالح|salih saleh salah saaleh
salah|صلاح|salah salaheddine salahuddin
ibrahim|إبراهيم ابراهيم|ibrahim ibraheem ebrahim brahim ibrahima
ismail|إسماعيل اسماعيل|ismail ismael esmail smail ismaeel
yusuf|يوسف|yusuf yousef youssef yousuf yusef youcef yousif yosef
yunus|يونس|yunus younes younis yonis
musa|موسى موسي|musa moussa mousa mussa
isa|عيسى عيسي|isa issa eissa
yahya|يحيى يحيي|yahya yehia yahia yehya
zakariya|زكريا|zakariya zakaria zakariya zakariyya zacharia
sulayman|سليمان|sulayman suleiman sulaiman soliman slimane suleyman
dawud|داود داوود|dawud daoud dawood daud dawoud
idris|إدريس ادريس|idris idriss edris driss
ilyas|إلياس الياس|ilyas elias ilias iliass
nuh|نوح|nuh nouh nooh
jamal|جمال|jamal jamaal gamal djamel djamal jemal
jamil|جميل|jamil jameel gamil djamil
kamal|كمال|kamal kemal kamaal
karim|كريم|karim kareem kerim
rashid|رشيد راشد|rashid rachid rasheed rashed rached
majid|ماجد مجيد|majid majed maged madjid
hamid|حامد حميد|hamid hamed hameed hamid
hamza|حمزة حمزه|hamza hamzah hamzeh
tariq|طارق|tariq tarek tareq tarik tarak
faisal|فيصل|faisal faysal feisal faycal faisel
fahd|فهد|fahd fahad fahed
nasir|ناصر نصر|nasir nasser naser nacer nasr
mansur|منصور|mansur mansour mansoor
munir|منير|munir mounir muneer
nabil|نبيل|nabil nabeel
adil|عادل|adil adel adeel
amin|أمين امين|amin amine ameen emin
amir|أمير امير عامر|amir ameer emir amer aamir
anwar|أنور انور|anwar anouar anwer enver
ashraf|أشرف اشرف|ashraf achraf
ayman|أيمن ايمن|ayman aiman eyman
bashir|بشير|bashir bachir basheer beshir
bilal|بلال|bilal belal bilel
fadi|فادي|fadi fady
farid|فريد|farid fareed
fuad|فؤاد فواد|fuad fouad fuat
ghassan|غسان|ghassan ghasan
habib|حبيب|habib habeeb
hadi|هادي|hadi hady
hakim|حكيم|hakim hakeem
hani|هاني|hani hany
harun|هارون|harun haroun haroon
hisham|هشام|hisham hicham hesham
imad|عماد|imad emad imed
jafar|جعفر|jafar jaafar jaffar djafar
jalal|جلال|jalal jelal djalal
khalil|خليل|khalil khaleel halil
latif|لطيف|latif lateef
mahdi|مهدي|mahdi mehdi mahdy
marwan|مروان|marwan merwan
mazin|مازن|mazin mazen
muhsin|محسن|muhsin mohsen mohsin
murad|مراد|murad mourad morad
mushir|مشير|mushir moshir
nadir|نادر|nadir nader
naji|ناجي|naji nagi
nur|نور|nur nour noor
qasim|قاسم|qasim kassem qassim kasim gasim qasem
rafiq|رفيق|rafiq rafik rafeeq
ramzi|رمزي|ramzi ramzy
ridwan|رضوان|ridwan redouane radwan rizwan
riyad|رياض|riyad riad riyadh
sadiq|صادق|sadiq sadek sadik
sami|سامي|sami samy
samir|سمير|samir sameer
sharif|شريف|sharif cherif sherif shareef
shukri|شكري|shukri choukri shokri
sufyan|سفيان|sufyan soufiane sofiane
taha|طه|taha
tahir|طاهر|tahir taher
talal|طلال|talal
tawfiq|توفيق|tawfiq tawfik toufik tevfik
usama|أسامة اسامة اسامه|usama osama oussama osamah usamah
wael|وائل|wael wail
wasim|وسيم|wasim wassim waseem
yasin|ياسين|yasin yassin yassine yaseen
yasir|ياسر|yasir yasser yaser
zakir|ذاكر|zakir zaker
zayd|زيد|zayd zaid zeid
ziyad|زياد|ziyad ziad ziyed
abd_allah|عبدالله|abdullah abdallah abdulla abdellah abdalla abdoullah
abd_al_rahman|عبدالرحمن|abdulrahman abdelrahman abderrahmane abdurrahman abdalrahman
abd_al_rahman|عبدالرحمن|abdirahman abdourahmane
abd_al_aziz|عبدالعزيز|abdulaziz abdelaziz abdulazeez abdelazize
abd_al_karim|عبدالكريم|abdulkarim abdelkarim abdulkareem abdelkrim
abd_al_qadir|عبدالقادر|abdulkadir abdelkader abdulqadir abdelkadir abdul-qadir
abd_al_latif|عبداللطيف|abdullatif abdellatif abdulatif
abd_al_hamid|عبدالحميد|abdulhamid abdelhamid abdulhameed
abd_al_majid|عبدالمجيد|abdulmajid abdelmajid abdelmadjid
abd_al_nasir|عبدالناصر|abdulnasser abdelnasser abdennacer
abd_al_salam|عبدالسلام|abdulsalam abdessalam abdelsalam abdussalam
abd_al_rahim|عبدالرحيم|abdulrahim abderrahim abdelrahim
abd_al_hakim|عبدالحكيم|abdulhakim abdelhakim
abd_al_wahhab|عبدالوهاب|abdulwahab abdelwahab abdulwahhab
abd_al_ghani|عبدالغني|abdulghani abdelghani abdelghany
fatima|فاطمة فاطمه|fatima fatimah fatma fatemeh fatouma fadma
aisha|عائشة عايشة عائشه|aisha aicha aysha ayesha aishah aisa
khadija|خديجة خديجه|khadija khadijah khadidja hatice kadija
maryam|مريم|maryam mariam meriem maryem miriam
zaynab|زينب|zaynab zainab zeinab zineb
amina|أمينة امينة|amina aminah amineh
asma|أسماء اسماء|asma asmaa esma
layla|ليلى ليلي|layla leila laila leyla lailah
nadia|نادية ناديه|nadia nadiya nadja
salma|سلمى سلمي|salma selma
samira|سميرة|samira sameera
hanan|حنان|hanan hanane
huda|هدى هدي|huda houda hoda
iman|إيمان ايمان|iman imane eman
yasmin|ياسمين|yasmin yasmine yasmeen jasmin
rania|رانيا|rania ranya
sara|سارة ساره|sara sarah
nur_al_din|نورالدين|nuruddin noureddine nuredin nureddin
izz_al_din|عزالدين|izzeddin azzedine ezzedine izzuddin
salah_al_din|صلاحالدين|salahuddin salaheddine salahaddin
"""


# Urdu and Persian usage writes a short a before h and a consonant as e: Rehman, Rehmat,
# Mehmood, Mehdi, Sehar (Rahman, Rahmat, Mahmud, Mahdi, Sahar). Every listed spelling gets
# that variant too; the South Asian abbreviations of Muhammad (Md., Mohd., Muhd.) are listed.
# Likewise the Egyptian g for j.
_SOUTH_ASIAN_E = re.compile(r"(?<![aeiou])ah(?=[bcdfgjklmnpqrstvz])")
_EGYPTIAN_J = re.compile(r"(?<!d)j")


def _parse(raw: str) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    arabic_forms: dict[str, list[str]] = {}
    latin_forms: dict[str, list[str]] = {}
    for line in raw.strip().splitlines():
        # A group may continue on a second line (long spelling lists).
        group, arabic, latin = line.split("|")
        arabic_forms.setdefault(group, []).extend(arabic.split())
        spellings = latin.split()
        spellings += [_SOUTH_ASIAN_E.sub("eh", s) for s in spellings]
        # Egyptian records write ج as g (Gamil, Gaber, Naguib): every j not in "dj".
        spellings += [_EGYPTIAN_J.sub("g", s) for s in spellings if "j" in s]
        latin_forms.setdefault(group, []).extend(spellings)
    return {
        group: (tuple(dict.fromkeys(arabic_forms[group])), tuple(dict.fromkeys(latin_forms[group])))
        for group in arabic_forms
    }


_SUN_LETTERS = ("t", "d", "r", "z", "s", "n", "l")


def _abd_compounds(raw: str) -> str:
    """``Abd al-`` compounds: Abdul/Abdel/Abdal/Abdoul/Abdou/Abdi/Abdol + root, and with a
    sun letter the assimilated article (Abdurrahman, Abderrahmane, Abdessalam, Abdennour)."""
    lines: list[str] = []
    for line in raw.strip().splitlines():
        group, arabic, latin = line.split("|")
        if group == "allah":
            spellings = "abdullah abdallah abdellah abdulla abdalla abdoullah abdillah abdollah"
            lines.append(f"abd_allah|{'عبد' + arabic}|{spellings} abdulah abdulahi abdullahi")
            continue
        forms: list[str] = []
        for root in latin.split():
            for prefix in ("abdul", "abdel", "abdal", "abdoul", "abdou", "abdi", "abdol", "abd"):
                forms.append(prefix + root)
            if root.startswith(_SUN_LETTERS):
                sun = "sh" if root.startswith("sh") else root[0]
                forms.extend(f"abd{vowel}{sun}{root}" for vowel in ("u", "e", "a"))
        lines.append(f"abd_al_{group}|{'عبد' + arabic}|{' '.join(dict.fromkeys(forms))}")
    return "\n".join(lines)


def _din_compounds(raw: str) -> str:
    """``-al-Din`` compounds: Nuruddin, Noureddine, Nur al-Din, Nurdin, Nurettin (Turkish)."""
    lines: list[str] = []
    for line in raw.strip().splitlines():
        group, arabic, latin = line.split("|")
        forms: list[str] = []
        for root in latin.split():
            endings: tuple[str, ...] = (
                "uddin",
                "eddine",
                "eddin",
                "addin",
                "aldin",
                "eldin",
                "uddeen",
                "din",
            )
            if root[-1] in "aeiou":
                endings += ("ddin", "ddine", "ldin")
            else:
                endings += ("ettin", "edine", "idin")
            forms.extend(root + ending for ending in endings)
        group_id = group if group.endswith("islam") else f"{group}_al_din"
        arabic_form = arabic if group.endswith("islam") else arabic + "الدين"
        lines.append(f"{group_id}|{arabic_form}|{' '.join(dict.fromkeys(forms))}")
    return "\n".join(lines)


GIVEN_NAMES: Final[dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = _parse(
    "\n".join((_RAW.strip(), NAMES.strip(), _abd_compounds(ABD_ROOTS), _din_compounds(DIN_ROOTS)))
)
