"""Korean surnames in Hangul with their usual Latin spellings.

Source/basis: written for Rogatory from knowledge of Korean surnames (the most frequent
single-syllable surnames and the two-syllable ones such as 남궁, 황보, 제갈, 선우), the Revised
Romanization of Korean (2000), McCune-Reischauer, and the spellings that families keep in
passports and abroad (Lee, Park, Choi, Jung, Rhee, Yoon, Kwon), including the North Korean
ones (Ri, Rim, Ryu, Ro), whose Hangul keeps the initial ㄹ (리, 림, 량, 로). It is not derived
from any data set. Licence: Apache-2.0 (our own work).

Each line: ``Hangul | spellings, the usual passport spelling first``. The algorithmic
romanisations (``translit.hangul_forms``) are added to these by the analyser.
"""

from typing import Final

_RAW: Final[str] = """
김 | kim gim ghim keem
이 | lee yi rhee ri i rhie li yee ree reeh
박 | park pak bak bahk parg
최 | choi choe chey choy chwe
정 | jung jeong chung chong jeung joung cheong
강 | kang gang kahng
조 | cho jo joe chou
윤 | yoon yun youn yune
장 | jang chang jhang
임 | lim im rim yim leem
한 | han hahn
오 | oh o
서 | seo suh so seoh sur
신 | shin sin shinn sheen
권 | kwon gwon kweon kwun
황 | hwang whang
안 | ahn an ahne
송 | song soung
전 | jeon jun chun chon jeun cheon
홍 | hong
유 | yoo yu you ryu yoou
류 | ryu yoo yu ryoo rhyu lyu you
고 | ko go koh goh
문 | moon mun
양 | yang ryang
손 | son sohn
배 | bae pae bai bea
백 | baek paek baik paik back beak
허 | heo huh hur ho her
남 | nam
노 | noh no roh ro
하 | ha hah
곽 | kwak gwak kwack
성 | sung seong song
차 | cha
주 | joo ju chu choo
우 | woo u wu
구 | koo gu ku goo
민 | min
나 | na ra la
라 | ra la na
진 | jin chin
지 | ji chi jee
엄 | eom um uhm eum
채 | chae chai chea
원 | won weon
천 | cheon chun chon
방 | bang pang
공 | kong gong
현 | hyun hyeon hyon
함 | ham hahm
변 | byun byeon pyon byon
염 | yeom yum youm yom
여 | yeo yoh yo ryeo
추 | chu choo
도 | do doh to
소 | so soh
석 | seok suk sok seuk
선 | sun seon son
설 | seol sul sol
마 | ma
길 | gil kil
연 | yeon youn yun yon
위 | wi wee
표 | pyo pyoh
명 | myung myeong myong
기 | ki gi key
반 | ban pan
왕 | wang
금 | keum geum kum
옥 | ok oak
육 | yook yuk ryuk
인 | in
맹 | maeng
제 | je jae che
모 | mo moh
탁 | tak tahk
국 | kook guk kuk
어 | eo uh eoh
은 | eun un
편 | pyun pyeon pyon
용 | yong ryong
예 | ye yeh
경 | kyung gyeong kyong
봉 | bong pong
사 | sa
부 | boo bu pu
가 | ka ga
복 | bok pok
태 | tae tai
목 | mok
형 | hyung hyeong
계 | kye gye
피 | pi pee
두 | doo du
감 | kam gam
음 | eum um
황보 | hwangbo hwangpo
남궁 | namgung namkung namgoong
제갈 | jegal chegal
선우 | sunwoo seonu sonu seonwoo
독고 | dokgo tokko
사공 | sagong sakong
서문 | seomun somun
동방 | dongbang
리 | ri lee rhee li
림 | rim lim im
량 | ryang yang
로 | ro roh noh
렴 | ryom yeom
려 | ryo yeo
련 | ryon yeon
룡 | ryong yong
륙 | ryuk yook
"""


def _parse(raw: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in raw.strip().splitlines():
        hangul, spellings = (part.strip() for part in line.split("|"))
        table[hangul] = tuple(dict.fromkeys(spellings.split()))
    return table


SURNAMES: Final[dict[str, tuple[str, ...]]] = _parse(_RAW)
DOUBLE_SURNAMES: Final[frozenset[str]] = frozenset(s for s in SURNAMES if len(s) == 2)
