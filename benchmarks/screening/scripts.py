"""Names in their own script beside the Latin spellings that lists and declarations give them.

Each table maps a name part in Cyrillic, Arabic, Hangul or Chinese to the spellings met in
practice (passport, press, list romanisations), which are not always anyascii's: the pairs
built from them test transliteration as it happens, not as the engine does it.
"""

from __future__ import annotations

CYRILLIC_GIVEN = {
    "Сергей": ("Sergei", "Sergey"), "Александр": ("Aleksandr", "Alexander"),
    "Дмитрий": ("Dmitry", "Dmitri"), "Алексей": ("Alexei", "Aleksey"),
    "Михаил": ("Mikhail",), "Николай": ("Nikolai", "Nikolay"), "Владимир": ("Vladimir",),
    "Юрий": ("Yuri", "Yury"), "Андрей": ("Andrei", "Andrey"), "Игорь": ("Igor",),
    "Евгений": ("Evgeny", "Yevgeniy"), "Олег": ("Oleg",), "Виктор": ("Viktor", "Victor"),
    "Павел": ("Pavel",), "Роман": ("Roman",), "Артём": ("Artyom", "Artem"),
}  # fmt: skip
CYRILLIC_PATRONYMIC = {
    "Сергеевич": ("Sergeyevich", "Sergeevich"), "Иванович": ("Ivanovich",),
    "Петрович": ("Petrovich",), "Александрович": ("Aleksandrovich", "Alexandrovich"),
    "Владимирович": ("Vladimirovich",), "Николаевич": ("Nikolayevich", "Nikolaevich"),
    "Юрьевич": ("Yuryevich", "Yurievich"), "Викторович": ("Viktorovich",),
}  # fmt: skip
CYRILLIC_SURNAME = {
    "Иванов": ("Ivanov",), "Петров": ("Petrov",), "Смирнов": ("Smirnov",),
    "Кузнецов": ("Kuznetsov",), "Попов": ("Popov",), "Соколов": ("Sokolov",),
    "Лебедев": ("Lebedev",), "Козлов": ("Kozlov",), "Новиков": ("Novikov",),
    "Морозов": ("Morozov",), "Волков": ("Volkov",), "Зайцев": ("Zaytsev", "Zaitsev"),
    "Павлов": ("Pavlov",), "Семёнов": ("Semenov", "Semyonov"), "Голубев": ("Golubev",),
    "Виноградов": ("Vinogradov",), "Богданов": ("Bogdanov",),
    "Воробьёв": ("Vorobyov", "Vorobiev"), "Фёдоров": ("Fedorov", "Fyodorov"),
    "Михайлов": ("Mikhailov", "Mikhaylov"), "Беляев": ("Belyaev", "Beliaev"),
    "Тарасов": ("Tarasov",), "Белов": ("Belov",), "Комаров": ("Komarov",),
}  # fmt: skip

ARABIC_GIVEN = {
    "محمد": ("Mohammed", "Muhammad", "Mohamed"), "أحمد": ("Ahmed", "Ahmad"), "علي": ("Ali",),
    "حسن": ("Hassan", "Hasan"), "حسين": ("Hussein", "Husayn"), "عمر": ("Omar", "Umar"),
    "خالد": ("Khalid", "Khaled"), "يوسف": ("Youssef", "Yusuf"), "إبراهيم": ("Ibrahim",),
    "عبدالله": ("Abdullah", "Abdallah"), "عبدالرحمن": ("Abdul Rahman", "Abdulrahman"),
    "سعيد": ("Saeed", "Said"), "طارق": ("Tariq", "Tarek"), "ماجد": ("Majid", "Majed"),
    "فيصل": ("Faisal", "Faysal"), "ناصر": ("Nasser", "Nasir"),
}  # fmt: skip
ARABIC_FAMILY = {
    "الحسيني": ("Al-Husseini", "al Husayni"), "المصري": ("Al-Masri", "el-Masry"),
    "الخطيب": ("Al-Khatib", "Alkhatib"), "حداد": ("Haddad",), "الزهراني": ("Al-Zahrani",),
    "القحطاني": ("Al-Qahtani", "Alqahtani"), "النجار": ("Al-Najjar", "Najjar"),
    "الشمري": ("Al-Shammari", "Alshammari"), "العتيبي": ("Al-Otaibi", "Al-Utaybi"),
    "الرشيد": ("Al-Rashid", "Al-Rasheed"), "منصور": ("Mansour", "Mansur"),
    "سليمان": ("Suleiman", "Sulayman"), "جابر": ("Jaber", "Jabir"),
    "نصرالله": ("Nasrallah", "Nasr Allah"), "الأنصاري": ("Al-Ansari",),
    "البغدادي": ("Al-Baghdadi",), "الكبيسي": ("Al-Kubaisi", "Al-Kubaysi"),
}  # fmt: skip

HANGUL_SURNAME = {
    "김": ("Kim",), "이": ("Lee", "Yi"), "박": ("Park", "Pak"), "최": ("Choi", "Choe"),
    "정": ("Jung", "Jong", "Chong"), "강": ("Kang",), "조": ("Cho", "Jo"), "윤": ("Yoon", "Yun"),
    "장": ("Jang", "Chang"), "임": ("Lim", "Im"), "한": ("Han",), "오": ("Oh", "O"),
    "서": ("Seo", "So"), "신": ("Shin", "Sin"), "리": ("Ri", "Li"), "황": ("Hwang",),
}  # fmt: skip
HANGUL_GIVEN = {
    "정은": ("Jong Un", "Jong-un"), "철": ("Chol",), "영호": ("Yong Ho", "Yong-ho"),
    "명수": ("Myong Su", "Myung-soo"), "성민": ("Sung Min", "Song Min"),
    "수진": ("Su Jin", "Soo-jin"), "민준": ("Min Jun", "Min-joon"), "지훈": ("Ji Hoon", "Ji-hun"),
    "혁": ("Hyok", "Hyuk"), "광철": ("Kwang Chol", "Kwang-chol"), "영철": ("Yong Chol",),
    "남철": ("Nam Chol",), "일성": ("Il Sung", "Il-song"), "동호": ("Dong Ho", "Tong-ho"),
    "은정": ("Eun Jung", "Un Jong"), "창호": ("Chang Ho",), "경희": ("Kyong Hui", "Kyung-hee"),
}  # fmt: skip

CHINESE_SURNAME = {
    "王": ("Wang",), "李": ("Li", "Lee"), "张": ("Zhang", "Chang"), "刘": ("Liu",),
    "陈": ("Chen", "Chan"), "杨": ("Yang",), "黄": ("Huang", "Wong"), "赵": ("Zhao", "Chao"),
    "周": ("Zhou", "Chow"), "吴": ("Wu",), "徐": ("Xu", "Hsu"), "孙": ("Sun",), "马": ("Ma",),
    "朱": ("Zhu", "Chu"), "胡": ("Hu",), "郭": ("Guo", "Kuo"), "林": ("Lin", "Lam"),
}  # fmt: skip
CHINESE_GIVEN = {
    "伟": ("Wei",), "芳": ("Fang",), "建国": ("Jianguo", "Jian Guo"),
    "志强": ("Zhiqiang", "Zhi Qiang"), "明": ("Ming",), "军": ("Jun",), "海": ("Hai",),
    "国华": ("Guohua", "Guo Hua"), "晓东": ("Xiaodong", "Xiao Dong"), "永": ("Yong",),
    "金龙": ("Jinlong", "Jin Long"), "春生": ("Chunsheng",), "德华": ("Dehua", "De Hua"),
    "立新": ("Lixin", "Li Xin"), "红梅": ("Hongmei", "Hong Mei"), "文斌": ("Wenbin",),
}  # fmt: skip
CHINESE_COMPANY_STEM = {
    "华信贸易": ("Huaxin Maoyi", "Hua Xin Mao Yi"), "东方电子": ("Dongfang Dianzi",),
    "长城机械": ("Changcheng Jixie",), "金海航运": ("Jinhai Hangyun", "Jin Hai Hangyun"),
    "宏达化工": ("Hongda Huagong",), "新星科技": ("Xinxing Keji",),
    "天成材料": ("Tiancheng Cailiao",), "远大物流": ("Yuanda Wuliu",),
    "中联精密": ("Zhonglian Jingmi",), "瑞丰实业": ("Ruifeng Shiye",),
}  # fmt: skip
CYRILLIC_COMPANY_STEM = {
    "Технопром": ("Tekhnoprom", "Technoprom"), "Спецмаш": ("Spetsmash", "Specmash"),
    "Химснаб": ("Khimsnab", "Himsnab"), "Энергосервис": ("Energoservis", "Energoservice"),
    "Промэкспорт": ("Promeksport", "Promexport"), "Металлинвест": ("Metallinvest",),
    "Стройтехника": ("Stroytekhnika", "Stroitekhnika"), "Радиоприбор": ("Radiopribor",),
}  # fmt: skip
