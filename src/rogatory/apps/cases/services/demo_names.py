"""Synthetic names for demo and scale data, in four scripts with their Latin forms.

Written for this project from common naming patterns; the combinations are fictional.
"""

ARABIC_GIVEN = [
    ("محمد", "Mohammed"),
    ("أحمد", "Ahmed"),
    ("علي", "Ali"),
    ("حسن", "Hassan"),
    ("خالد", "Khaled"),
    ("عمر", "Omar"),
    ("يوسف", "Youssef"),
    ("فاطمة", "Fatima"),
    ("مريم", "Maryam"),
    ("ليلى", "Layla"),
]
ARABIC_FAMILY = [
    ("الحسيني", "al-Husseini"),
    ("العبيدي", "al-Obaidi"),
    ("الخطيب", "al-Khatib"),
    ("منصور", "Mansour"),
    ("حداد", "Haddad"),
    ("الشمري", "al-Shammari"),
    ("سليمان", "Suleiman"),
    ("النجار", "al-Najjar"),
]
CYRILLIC_GIVEN = [
    ("Иван", "Ivan"),
    ("Сергей", "Sergei"),
    ("Дмитрий", "Dmitry"),
    ("Алексей", "Aleksei"),
    ("Андрей", "Andrei"),
    ("Ольга", "Olga"),
    ("Наталья", "Natalya"),
    ("Елена", "Elena"),
]
CYRILLIC_FAMILY = [
    ("Петров", "Petrov"),
    ("Иванов", "Ivanov"),
    ("Смирнов", "Smirnov"),
    ("Кузнецов", "Kuznetsov"),
    ("Попов", "Popov"),
    ("Соколов", "Sokolov"),
    ("Волков", "Volkov"),
    ("Морозов", "Morozov"),
]
CHINESE_FAMILY = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen")]
CHINESE_GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("强", "Qiang"), ("敏", "Min")]
LATIN_GIVEN = ["Maria", "José", "Jean", "Lucía", "Pierre", "Ana", "Carlos", "Sophie", "Marco"]
LATIN_FAMILY = ["García", "Dubois", "Rossi", "Martínez", "Lefèvre", "Silva", "Moreau", "López"]

OFFENCES = [
    ("Laundering of the proceeds of crime through shell companies", 180),
    ("Trafficking in persons for forced labour", 240),
    ("Participation in an organized criminal group", 120),
    ("Smuggling of migrants by sea", 144),
    ("Illicit trafficking in firearms", 180),
    ("Bribery of a foreign public official", 120),
    ("Fraud against investors by a fictitious fund", 96),
    ("Trafficking in narcotic drugs", 300),
]
PLACES = ["Port Aurel", "Nordhavn", "Caspian City", "Marseille", "Valencia", "Tangier"]
