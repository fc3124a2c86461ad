"""Chinese surnames with their pinyin and other common romanisations.

Source/basis: written for Rogatory from knowledge of Chinese surnames (the most frequent
single-character surnames and the classical double surnames), Hanyu Pinyin, Wade-Giles, and
the Cantonese (Hong Kong government spelling and Jyutping), Hokkien/Teochew (Southeast Asia,
Taiwan, Indonesia), Vietnamese (Sino-Vietnamese readings without diacritics) and Korean readings
used in passports and civil records, plus the Macau Portuguese-based spellings (Vong, Ieong,
Chio, Sou), Taiwanese Pe̍h-ōe-jī without tone marks (Chhoa, Iu, Tiu, Chhin), Hakka (Chai,
Bong), Foochow (Ting) and Hmong (Vang) clan spellings. It is not derived from any data set.
Licence: Apache-2.0 (our own work).

Each line: ``simplified [traditional] | pinyin | other spellings (space separated)``.
Pinyin is the surname reading (for example 单 as a surname is ``shan``, 曾 is ``zeng``).
"""

from typing import Final

_RAW: Final[str] = """
王 | wang | wong ong heng vuong vong vang
李 | li | lee lei ly lie yi rhee
张 張 | zhang | chang cheung cheong teo chong zoeng jang truong tiong teoh tiu chiong
刘 劉 | liu | lau lao lew low lieu luu yoo
陈 陳 | chen | chan tan chin chun ding can tran jin ting chhin
杨 楊 | yang | yeung yeoh young yong joeng duong yeong yeo ieong iong iu yeow
黄 黃 | huang | wong hwang ng oei ooi wee hoang huynh ung eng vong uy bong
赵 趙 | zhao | chao chiu chew teoh ziu cho jo trieu tio chio
吴 吳 | wu | ng woo goh ngo gouw oh go
周 | zhou | chou chow chau chew zau ju
徐 | xu | hsu tsui chui hsui ceoi seo
孙 孫 | sun | suen soon sng syun son
马 馬 | ma | mah mar beh maa
朱 | zhu | chu chew choo zyu ju
胡 | hu | wu woo foo oh ho
郭 | guo | kuo kwok kuok quek kok gwok kwak quach kwee
何 | he | ho hoh hor ha haw
高 | gao | kao ko koh gou cao go
林 | lin | lam lim ling lum liem im
罗 羅 | luo | lo law loh lor la
郑 鄭 | zheng | cheng cheang chang tay teh zeng jung chung trinh tee the
梁 | liang | leung leong neo loeng luong
谢 謝 | xie | hsieh tse chia seah ze sia tjia che
宋 | song | sung soong
唐 | tang | tong tng duong
许 許 | xu | hsu hui koh khoo heoi heo hoi kho
韩 韓 | han | hon
冯 馮 | feng | fung fong pang phung
邓 鄧 | deng | teng tang dang
曹 | cao | tsao cho tso cou
彭 | peng | pang phang paang
曾 | zeng | tseng tsang chan zang
肖 蕭 萧 | xiao | hsiao siu siew seow tieu sio
田 | tian | tien tin
董 | dong | tung tong
袁 | yuan | yuen wan
潘 | pan | poon phua phan pun
于 於 | yu | yue yee
蒋 蔣 | jiang | chiang cheung
蔡 | cai | tsai choi choy chua tsoi coi tsay tjoa thai toy chhoa chhai chai
余 | yu | yee ee yue
杜 | du | tu to toh do
叶 葉 | ye | yeh yip yap ip diep
程 | cheng | ching
苏 蘇 | su | so soh sou
魏 | wei | ngai gwee
吕 呂 | lv | lu lui lue lyu
丁 | ding | ting teng dinh
任 | ren | jen yam
沈 | shen | shum sim sum
姚 | yao | yiu
卢 盧 | lu | lo lou loo
姜 | jiang | chiang keung kang
崔 | cui | tsui choi chui
钟 鍾 鐘 | zhong | chung chong cheng chung
谭 譚 | tan | tam tham
陆 陸 | lu | luk lok
汪 | wang | wong
范 | fan | faan huan pham
金 | jin | chin kam kim
石 | shi | shih shek sek
廖 | liao | liu leow liaw
贾 賈 | jia | chia ka
夏 | xia | hsia ha
韦 韋 | wei | wai
付 傅 | fu | foo fou
方 | fang | fong hong
白 | bai | pai pak baek paik
邹 鄒 | zou | tsou chau chow
孟 | meng | mang
熊 | xiong | hsiung hung
秦 | qin | chin chun
邱 丘 | qiu | chiu yau khoo hiew
江 | jiang | chiang kong kang
尹 | yin | wan yoon yun
薛 | xue | hsueh sit sih
闫 閻 阎 | yan | yen yim
段 | duan | tuan tuen
雷 | lei | lui louie
侯 | hou | hau hew
龙 龍 | long | lung loong
史 | shi | shih sze
陶 | tao | tou
黎 | li | lai le
贺 賀 | he | ho
顾 顧 | gu | ku koo
毛 | mao | mo mou
郝 | hao | hok
龚 龔 | gong | kung kong
邵 | shao | siu
万 萬 | wan | man
钱 錢 | qian | chien chin
严 嚴 | yan | yen yim
覃 | qin | tam
武 | wu | mo vu vo
戴 | dai | tai tye
莫 | mo | mok mo
孔 | kong | hung kung
向 | xiang | hsiang heung
汤 湯 | tang | tong thng
常 | chang | sheung
温 溫 | wen | wan woon
康 | kang | hong
施 | shi | sze see
文 | wen | man boon moon mun
牛 | niu | ngau
樊 | fan | faan
葛 | ge | ko kot
邢 | xing | hsing ying
安 | an | on ahn
齐 齊 | qi | chi chai
易 | yi | yik
乔 喬 | qiao | chiao kiu
伍 | wu | ng
庞 龐 | pang | pong
颜 顏 | yan | yen ngan gan
倪 | ni | ngai
庄 莊 | zhuang | chuang chong
聂 聶 | nie | nieh nip
章 | zhang | chang cheung
鲁 魯 | lu | lou
岳 | yue | yueh ngok
翟 | zhai | chai
殷 | yin | yan
詹 | zhan | chan chim
申 | shen | sun shin
欧 歐 | ou | au ow
耿 | geng | keng
关 關 | guan | kuan kwan quan
兰 蘭 | lan | laan
焦 | jiao | chiao
俞 | yu | yue yee
左 | zuo | tso cho
柳 | liu | lau yoo ryu
甘 | gan | kam
祝 | zhu | chuk
包 | bao | pao pau
宁 寧 | ning | ling
尚 | shang | sheung
符 | fu | foo phu
舒 | shu | shue
阮 | ruan | yuen nguyen
柯 | ke | ko kuah
纪 紀 | ji | kei kee
梅 | mei | mui moy mai
童 | tong | tung
凌 | ling | ling
毕 畢 | bi | pi bat
单 單 | shan | sin shin
季 | ji | kwai
裴 | pei | pui bui
霍 | huo | fok
涂 | tu | to
成 | cheng | shing seng
苗 | miao | miu
谷 | gu | ku kuk
盛 | sheng | shing
曲 | qu | chu
翁 | weng | yung ong
冉 | ran | jan
骆 駱 | luo | lok
蓝 藍 | lan | laam
路 | lu | lo
游 | you | yu yau iu
辛 | xin | hsin san
靳 | jin | chin kan
管 | guan | kuan koon
柴 | chai | chai
蒙 | meng | mung
鲍 鮑 | bao | pao pau
华 華 | hua | wah hwa
喻 | yu | yue
祁 | qi | chi kei
蒲 | pu | pou
房 | fang | fong bang
滕 | teng | tang
屈 | qu | chu wat
饶 饒 | rao | jao yiu
解 | xie | hsieh
牟 | mou | mau
艾 | ai | ngai
尤 | you | yau yu
阳 陽 | yang | yeung
时 時 | shi | shih see
穆 | mu | muk
农 農 | nong | nung
司 | si | sze
卓 | zhuo | cheuk toh
古 | gu | ku koo
吉 | ji | kat kit
缪 繆 | miao | miu mau
简 簡 | jian | kan kan
车 車 | che | chea
项 項 | xiang | hong
连 連 | lian | lin lien
芦 蘆 | lu | lo
麦 麥 | mai | mak
褚 | chu | chu
娄 婁 | lou | lau
窦 竇 | dou | tau
戚 | qi | chik
岑 | cen | shum sum
景 | jing | king
党 黨 | dang | tong
宫 宮 | gong | kung
费 費 | fei | fai
卜 | bu | puk pok
冷 | leng | lang
晏 | yan | ngan
席 | xi | hsi chek
卫 衛 | wei | wai
米 | mi | mai
柏 | bai | pak
宗 | zong | tsung chung
瞿 | qu | chu kui
桂 | gui | kwai kuei
全 | quan | chuen jeon chun
佟 | tong | tung
应 應 | ying | ying
臧 | zang | tsang
闵 閔 | min | man
苟 | gou | kau
邬 鄔 | wu | wu
边 邊 | bian | pin
卞 | bian | pin
姬 | ji | kei
师 師 | shi | sze
和 | he | wo
仇 | qiu | chou kau
栾 欒 | luan | lun
隋 | sui | chui
商 | shang | sheung
刁 | diao | tiu
沙 | sha | sa
荣 榮 | rong | wing yung
巫 | wu | mo
寇 | kou | kau
桑 | sang | song
郎 | lang | long
甄 | zhen | yan chen
丛 叢 | cong | chung
仲 | zhong | chung
虞 | yu | yue
敖 | ao | ngo
巩 鞏 | gong | kung
明 | ming | ming
佘 | she | se
池 | chi | chi
查 | zha | cha
麻 | ma | ma
苑 | yuan | yuen
迟 遲 | chi | chi
邝 鄺 | kuang | kwong
欧阳 歐陽 | ouyang | auyeung owyang ouyoung
司马 司馬 | sima | szema szuma
上官 | shangguan | sheungkun
诸葛 諸葛 | zhuge | chukot
东方 東方 | dongfang | tungfong
皇甫 | huangfu | wongpo
尉迟 尉遲 | yuchi | watchi
公孙 公孫 | gongsun | kungsun
慕容 | murong | mouyung
令狐 | linghu | lingwu
夏侯 | xiahou | hahau
司徒 | situ | seeto szeto sitou
端木 | duanmu | tuenmuk
万俟 萬俟 | moqi | mokkei
朴 | piao | park bak pak
权 權 | quan | kwon gwon kuen
洪 | hong | hung
河 | he | ha
南 | nan | nam
"""


def _parse(raw: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in raw.strip().splitlines():
        chars, pinyin, others = (part.strip() for part in line.split("|"))
        spellings = others.split()
        # Pe̍h-ōe-jī "chh" (aspirated ch) is usually written "ch" in records: Chhoa / Choa.
        spellings += ["ch" + v[3:] for v in spellings if v.startswith("chh")]
        variants = tuple(dict.fromkeys(spellings))
        for form in chars.split():
            table[form] = (pinyin, variants)
    return table


SURNAMES: Final[dict[str, tuple[str, tuple[str, ...]]]] = _parse(_RAW)
DOUBLE_SURNAMES: Final[frozenset[str]] = frozenset(s for s in SURNAMES if len(s) == 2)
