"""Japanese surnames and given names in kanji with their readings.

Source/basis: written for Rogatory from knowledge of Japanese naming: the most frequent
family names (with their old or variant kanji such as 渡邊/渡邉, 齋藤/齊藤, 澤, 濱) and common
given names of several generations (from 清 and 和子 to 蓮 and 陽葵), with the readings in
ordinary use. It is not derived from any data set. Licence: Apache-2.0 (our own work).

Each line: ``kanji forms (space separated) | readings (space separated)``. Readings are written
kana-faithfully in lower-case ASCII (``satou``, ``oono``, ``yuuko``: long vowels as in the
kana); ``translit.japanese_forms`` derives the passport spellings (Sato, Ono, Yuko) and the
variants (Satou, Satoh, Ohno). The first reading is the most usual one.
"""

from typing import Final

_SURNAMES: Final[str] = """
佐藤|satou
鈴木|suzuki
高橋 髙橋|takahashi
田中|tanaka
伊藤|itou
渡辺 渡邊 渡邉|watanabe
山本|yamamoto
中村|nakamura
小林|kobayashi
加藤|katou
吉田|yoshida
山田|yamada
佐々木 佐佐木|sasaki
山口|yamaguchi
松本|matsumoto
井上|inoue
木村|kimura
林|hayashi
斎藤 齋藤 齊藤 斉藤|saitou
清水|shimizu
山崎 山﨑 山嵜|yamazaki yamasaki
森|mori
池田|ikeda
橋本|hashimoto
阿部 安倍|abe
石川|ishikawa
山下|yamashita
中島|nakajima nakashima
石井|ishii
小川|ogawa
前田|maeda
岡田|okada
長谷川|hasegawa
藤田|fujita
後藤|gotou
近藤|kondou
村上|murakami
遠藤|endou
青木|aoki
坂本|sakamoto
斉木|saiki
福田|fukuda
太田|oota
西村|nishimura
藤井|fujii
金子|kaneko
岡本|okamoto
藤原|fujiwara
中野|nakano
三浦|miura
原田|harada
中川|nakagawa
松田|matsuda
竹内|takeuchi
小野|ono
田村|tamura
中山|nakayama
和田|wada
石田|ishida
森田|morita
上田|ueda
原|hara
内田|uchida
柴田|shibata
酒井|sakai
宮崎 宮﨑|miyazaki
横山|yokoyama
高木|takagi
安藤|andou
宮本|miyamoto
大野|oono
小島|kojima
谷口|taniguchi
今井|imai
工藤|kudou
高田|takada
増田|masuda
丸山|maruyama
杉山|sugiyama
村田|murata
大塚|ootsuka
新井|arai
小山|koyama oyama
平野|hirano
藤本|fujimoto
河野|kouno kawano
上野|ueno
野口|noguchi
武田|takeda
松井|matsui
千葉|chiba
岩崎|iwasaki
菅原|sugawara
木下|kinoshita
久保|kubo
佐野|sano
野村|nomura
松尾|matsuo
市川|ichikawa
菊地 菊池|kikuchi
杉本|sugimoto
古川|furukawa
大西|oonishi
島田|shimada
水野|mizuno
桜井 櫻井|sakurai
高野|takano
渡部|watanabe
吉川|yoshikawa
山内|yamauchi
西田|nishida
飯田|iida
菅野|sugano kanno
中田|nakata
小松|komatsu
北村|kitamura
安田|yasuda
五十嵐|igarashi
川口|kawaguchi
平田|hirata
関 關|seki
中西|nakanishi
久保田|kubota
服部|hattori
東|higashi azuma
岩田|iwata
土屋|tsuchiya
川崎|kawasaki
福島|fukushima
本田|honda
辻|tsuji
樋口|higuchi
秋山|akiyama
田口|taguchi
永井|nagai
山中|yamanaka
中尾|nakao
吉村|yoshimura
川上|kawakami
大橋|oohashi
石原|ishihara
松岡|matsuoka
浅野|asano
馬場|baba
荒木|araki
大久保|ookubo
野田|noda
小池|koike
田辺 田邊|tanabe
松下|matsushita
星野|hoshino
大石|ooishi
熊谷|kumagai
黒田|kuroda
尾崎|ozaki
望月|mochizuki
永田|nagata
川村|kawamura
堀|hori
片山|katayama
内藤|naitou
松村|matsumura
西川|nishikawa
岡|oka
早川|hayakawa
広瀬 廣瀬|hirose
平井|hirai
大島|ooshima
岩本|iwamoto
横田|yokota
本間|honma
小田|oda
宮田|miyata
荒井|arai
北川|kitagawa
吉岡|yoshioka
大谷|ootani
高山|takayama
篠原|shinohara
鎌田|kamata
成田|narita
松浦|matsuura
小西|konishi
須藤|sudou
栗原|kurihara
菊田|kikuta
森本|morimoto
三宅|miyake
大森|oomori
奥村|okumura
内山|uchiyama
伊東|itou
片岡|kataoka
松原|matsubara
福井|fukui
西山|nishiyama
山根|yamane
桑原|kuwabara
岡崎|okazaki
小沢 小澤|ozawa
上原|uehara
中井|nakai
南|minami
吉野|yoshino
白石|shiraishi
小泉|koizumi
西尾|nishio
金井|kanai
岡村|okamura
青山|aoyama
宇野|uno
今村|imamura
坂口|sakaguchi
河合|kawai
大川|ookawa
前川|maekawa
堀内|horiuchi
野崎|nozaki
藤村|fujimura
石橋|ishibashi
今田|imada
松永|matsunaga
大竹|ootake
浜田 濱田|hamada
杉浦|sugiura
沢田 澤田|sawada
田代|tashiro
安部|abe
新田|nitta
関口|sekiguchi
藤川|fujikawa
原口|haraguchi
矢野|yano
千田|chida senda
吉永|yoshinaga
小椋|ogura
小倉|ogura
岩井|iwai
宮下|miyashita
松山|matsuyama
秋元|akimoto
堀田|hotta
竹田|takeda
野中|nonaka
森川|morikawa
田島|tajima
田上|tanoue tagami
村井|murai
石塚|ishizuka
大村|oomura
池上|ikegami
中谷|nakatani
小原|ohara kohara
川島|kawashima
谷|tani
三上|mikami
桑田|kuwata
榎本|enomoto
足立|adachi
柳田|yanagita yanagida
大山|ooyama
中原|nakahara
野上|nogami
伊藤|itou
米田|yoneda
筒井|tsutsui
岩瀬|iwase
浅井|asai
藤沢 藤澤|fujisawa
平川|hirakawa
飯島|iijima
西野|nishino
稲葉|inaba
富田|tomita
相馬|souma
木内|kiuchi
小出|koide
竹下|takeshita
三好|miyoshi
水谷|mizutani
山岸|yamagishi
岡部|okabe
塚本|tsukamoto
奥田|okuda
根本|nemoto
長尾|nagao
長田|nagata osada
武藤|mutou
若林|wakabayashi
宮川|miyakawa
安井|yasui
長野|nagano
木原|kihara
牧野|makino
細川|hosokawa
今野|konno imano
渋谷 澁谷|shibuya
小笠原|ogasawara
佐久間|sakuma
北野|kitano
西|nishi
江口|eguchi
野島|nojima
緒方|ogata
大和田|oowada
竹中|takenaka
日高|hidaka
古田|furuta
三木|miki
上村|uemura kamimura
梅田|umeda
宮内|miyauchi
田原|tahara
寺田|terada
滝沢 瀧澤|takizawa
大塚|ootsuka
稲垣|inagaki
土井|doi
坂井|sakai
関根|sekine
江藤|etou
岡野|okano
片桐|katagiri
天野|amano
谷川|tanigawa
小森|komori
北島|kitajima
池本|ikemoto
岸|kishi
岸田|kishida
森下|morishita
石黒|ishiguro
中本|nakamoto
中沢 中澤|nakazawa
徳田|tokuda
戸田|toda
宮原|miyahara
福本|fukumoto
大内|oouchi
菊川|kikukawa
山川|yamakawa
松野|matsuno
村山|murayama
北原|kitahara
川田|kawada
西岡|nishioka
大木|ooki
織田|oda
豊田|toyoda
島|shima
菅|suga kan
新谷|shintani araya
矢田|yada
上杉|uesugi
三島|mishima
湯川|yukawa
宮沢 宮澤|miyazawa
大平|oohira
河村|kawamura
大竹|ootake
金田|kaneda
白井|shirai
徳永|tokunaga
有馬|arima
古賀|koga
堤|tsutsumi
栗田|kurita
八木|yagi
金城|kinjou kaneshiro
比嘉|higa
宮城|miyagi
大城|ooshiro
新垣|aragaki shingaki
照屋|teruya
上地|uechi
島袋|shimabukuro
"""

_GIVEN_NAMES: Final[str] = """
蓮|ren
蒼|aoi sou ao
湊|minato sou
陽翔|haruto hinato
樹|itsuki tatsuki
悠真|yuuma haruma
大和|yamato
陽向|hinata
朝陽|asahi
碧|aoi midori
颯|hayate sou
律|ritsu
凪|nagi
暖|dan haru
陽太|hinata youta
悠人|yuuto haruto
大翔|hiroto yamato taiga
蒼空|sora
新|arata shin
伊織|iori
奏太|souta kanata
結翔|yuito
悠斗|yuuto
陸|riku
翔|shou kakeru
大輝|daiki
颯太|souta
蓮翔|renga
楓|kaede
蒼真|souma
陽斗|haruto
陽|hinata haru you akira
葵|aoi
陽葵|himari hinata
凛|rin
芽依|mei
紬|tsumugi
結菜|yuina yuuna
詩|uta
結愛|yua yuia
莉子|riko
澪|mio
結衣|yui
さくら|sakura
美桜|mio
咲良|sakura
心春|koharu
杏|an anzu
陽菜|hina haruna
花|hana
琴音|kotone
紗奈|sana
芽生|mei
翠|sui midori
結月|yuzuki
一花|ichika
ひまり|himari
美咲|misaki
愛|ai mana
優奈|yuuna
彩|aya sai
七海|nanami
真央|mao
菜々|nana
彩花|ayaka
遥 遙|haruka
美羽|miu
美月|mizuki
花音|kanon
結子|yuiko
翔太|shouta
拓海|takumi
健太|kenta
大輔|daisuke
拓也|takuya
翔平|shouhei
達也|tatsuya
和也|kazuya
直樹|naoki
雄太|yuuta
健|ken takeshi
誠|makoto
学|manabu
剛|tsuyoshi takeshi gou
勇|isamu
茂|shigeru
博|hiroshi
清|kiyoshi
隆|takashi
浩|hiroshi
修|osamu
進|susumu
稔|minoru
勉|tsutomu
豊|yutaka
実|minoru
明|akira
昭|akira
薫|kaoru
徹|tooru
亮|ryou akira
涼|ryou
悟|satoru
聡|satoshi
智|satoshi tomo
淳|jun atsushi
潤|jun
敦|atsushi
篤|atsushi
歩|ayumu ayumi
翼|tsubasa
光|hikaru
輝|hikaru
大|dai hiroshi
一郎|ichirou
二郎 次郎|jirou
三郎|saburou
四郎|shirou
太郎|tarou
健一|ken'ichi
誠一|sei'ichi
浩二|kouji
健二|kenji
賢治|kenji
正|tadashi
正人|masato
雅人|masato
直人|naoto
和人|kazuto
大介|daisuke
浩一|kouichi
洋一|youichi
健司|kenji
和夫|kazuo
秀樹|hideki
秀夫|hideo
英樹|hideki
正樹|masaki
雅樹|masaki
裕太|yuuta
優太|yuuta
裕介|yuusuke
雄一|yuuichi
雄介|yuusuke
祐介|yuusuke
純一|jun'ichi
真一|shin'ichi
信一|shin'ichi
慎吾|shingo
俊介|shunsuke
俊|shun
駿|shun hayato
隼人|hayato
颯人|hayato
蒼太|souta
湊斗|minato
海斗|kaito
快斗|kaito
蓮斗|rento
大和|yamato
悠|yuu haruka
優|yuu masaru
勇気|yuuki
優希|yuuki
裕樹|yuuki hiroki
弘樹|hiroki
大樹|daiki hiroki
拓真|takuma
琢磨|takuma
一輝|kazuki
和樹|kazuki
翔真|shouma
蒼汰|souta
健斗|kento
賢人|kento
龍之介|ryuunosuke
竜也|tatsuya
康介|kousuke
浩介|kousuke
孝|takashi
崇|takashi
宏|hiroshi
弘|hiroshi
仁|jin hitoshi
宏之|hiroyuki
博之|hiroyuki
和彦|kazuhiko
正彦|masahiko
克也|katsuya
哲也|tetsuya
秀一|shuuichi
周平|shuuhei
修平|shuuhei
恭平|kyouhei
航|wataru kou
航平|kouhei
康平|kouhei
陽介|yousuke
洋介|yousuke
亮太|ryouta
涼太|ryouta
良太|ryouta
竜|ryuu
龍|ryuu
隆之|takayuki
貴之|takayuki
義雄|yoshio
良子|yoshiko
和子|kazuko
洋子|youko
陽子|youko
恵子|keiko
京子|kyouko
幸子|sachiko
節子|setsuko
久美子|kumiko
由美子|yumiko
真由美|mayumi
裕子|yuuko hiroko
優子|yuuko
祐子|yuuko
智子|tomoko
明美|akemi
直美|naomi
美香|mika
美穂|miho
美紀|miki
美樹|miki
恵|megumi kei
恵美|emi megumi
絵美|emi
愛子|aiko
真理子|mariko
麻衣|mai
舞|mai
彩香|ayaka
沙織|saori
香織|kaori
詩織|shiori
千尋|chihiro
明日香|asuka
美穂子|mihoko
奈々|nana
さおり|saori
由美|yumi
由紀|yuki
由紀子|yukiko
雪|yuki
幸|sachi yuki
早苗|sanae
美奈子|minako
静香|shizuka
桃子|momoko
紀子|noriko
典子|noriko
順子|junko
純子|junko
洋平|youhei
和美|kazumi
友美|tomomi
朋美|tomomi
千秋|chiaki
美由紀|miyuki
みゆき|miyuki
理恵|rie
里美|satomi
聡子|satoko
瞳|hitomi
綾|aya
綾乃|ayano
菜摘|natsumi
夏美|natsumi
春香|haruka
遥香|haruka
萌|moe
萌香|moeka
結|yui yuu
芽衣|mei
莉央|rio
心|kokoro
心愛|kokoa
杏奈|anna
美優|miyu
未来|miku mirai
優花|yuuka
"""


def _parse(raw: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for line in raw.strip().splitlines():
        chars, readings = (part.strip() for part in line.split("|"))
        values = tuple(r.replace("'", "") for r in readings.split())
        for form in chars.split():
            table[form] = tuple(dict.fromkeys((*table.get(form, ()), *values)))
    return table


SURNAMES: Final[dict[str, tuple[str, ...]]] = _parse(_SURNAMES)
GIVEN_NAMES: Final[dict[str, tuple[str, ...]]] = _parse(_GIVEN_NAMES)
LONGEST_SURNAME: Final[int] = max(len(s) for s in SURNAMES)
