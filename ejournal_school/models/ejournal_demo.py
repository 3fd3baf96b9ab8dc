"""The demo journal of СОШ №88, school year 2026/2027 (demo data only).

``ejournal.demo._generate_journal`` is called once, by demo/ejournal_journal_demo.xml,
when the addon is installed with demo data. It builds the weekly timetable of the
demo classes, generates the lessons of quarters I and II from it and fills every
lesson held before the school's today: topics (from the thematic plan when there is
one), homework, attendance, absences with their reasons, current marks; then the
quarter I marks of 5А and two corrections.

Everything is deterministic: each random draw comes from a ``random.Random`` seeded
with stable strings (class, date, lesson number, subject, personal file number),
never with record ids, so two installs on the same day give the same journal.
"""

import logging
import math
import random
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from datetime import datetime, timedelta

import pytz

from odoo import Command, api, fields, models

from .ejournal_journal_entry import journal_unlocked
from .res_company import DEFAULT_SCHOOL_TZ

_logger = logging.getLogger(__name__)

MODULE = "ejournal_school"
YEAR = "ejournal_academic_year_demo_2026"
QUARTERS = ("ejournal_period_demo_2026_q1", "ejournal_period_demo_2026_q2")
FULL_CLASSES = (
    "ejournal_class_demo_5a",
    "ejournal_class_demo_5b",
    "ejournal_class_demo_9a",
)
SMALL_CLASSES = (
    "ejournal_class_demo_1a",
    "ejournal_class_demo_2a",
    "ejournal_class_demo_3a",
    "ejournal_class_demo_4a",
)
QUARTER_MARK_CLASS = "ejournal_class_demo_5a"
QUARTER_MARK_USERS = ("res_users_demo_teacher88", "res_users_demo_classteacher88")
DAYS = 5  # Monday–Friday
LESSONS_PER_DAY = 7
TODAY_LESSONS_WITH_TOPIC = 2  # today: only the first lessons already have a page
TOPIC_WEEKS = 17  # the topics of a subject without a plan last quarters I and II

# Every teacher works in a room of their own, so a room is never double-booked.
ROOMS = {
    "hr_employee_demo_ivanova": "201",
    "hr_employee_demo_sydykova": "202",
    "hr_employee_demo_beishenaliev": "302",
    "hr_employee_demo_toktogulov": "205",
    "hr_employee_demo_sadyrbaeva": "206",
    "hr_employee_demo_petrova": "207",
    "hr_employee_demo_mamytova": "208",
    "hr_employee_demo_usenova": "209",
    "hr_employee_demo_kim": "210",
    "hr_employee_demo_aliev": "211",
    "hr_employee_demo_deputy": "212",
    "hr_employee_demo_orozbekov": "105",
    "hr_employee_demo_zheenbekova": "106",
    "hr_employee_demo_turdubaev": "108",
    "hr_employee_demo_smirnov": "Спортзал",
    "hr_employee_demo_kuznetsova": "101",
    "hr_employee_demo_abdrakhmanova": "102",
    "hr_employee_demo_osmonova": "103",
    "hr_employee_demo_nikolaeva": "104",
}
# Preferred in the 2nd–4th lessons of the day.
HEAVY_SUBJECTS = (
    "mathematics",
    "algebra",
    "geometry",
    "russian",
    "kyrgyz",
    "english",
    "physics",
    "chemistry",
)

# A pupil's level: (share of pupils up to this level, mean mark).
LEVELS = ((0.15, 4.75), (0.50, 4.2), (0.88, 3.55), (1.0, 2.85))
WEAK_MEAN = 3.0

# Whole-class assessments recognised in a topic: (words, work type).
ASSESSMENTS = (
    (("диктант", "жат жазуу"), "ejournal_work_type_dictation"),
    (("контрольн", "текшерүү иши"), "ejournal_work_type_control"),
    (("проверочная работа", "тест", "test"), "ejournal_work_type_test"),
    (
        ("лабораторная работа", "практическая работа", "сочинение", "изложение"),
        "ejournal_work_type_classwork",
    ),
)
NOT_ASSESSMENTS = ("анализ", "работа над ошибками", "повторение")

# Topics of the subjects without a thematic plan: subject -> grade (0: any) ->
# [(topic, lessons)]. The subjects of 5Б that 5А has a plan for use 5А's plan.
TOPICS = {
    "kyrgyz": {
        5: [
            ("Тил – адамзаттын эң маанилүү карым-катнаш куралы", 2),
            ("Башталгыч класста өтүлгөндөрдү кайталоо", 3),
            ("Фонетика. Тыбыш жана тамга", 3),
            ("Үндүү тыбыштар. Жоон жана ичке үндүүлөр", 3),
            ("Созулма үндүүлөр", 2),
            ("Үнсүз тыбыштар. Каткалаң жана жумшак үнсүздөр", 3),
            ("Муун. Муундун түрлөрү", 2),
            ("Басым", 2),
            ("Сингармонизм мыйзамы", 3),
            ("Текшерүү иши (жат жазуу)", 1),
            ("Лексика. Сөздүн лексикалык мааниси", 2),
            ("Бир жана көп маанилүү сөздөр", 2),
            ("Синонимдер, антонимдер, омонимдер", 3),
            ("Сөздүн түзүлүшү. Уңгу жана мүчө", 3),
            ("Сөз жасоочу жана сөз өзгөртүүчү мүчөлөр", 3),
            ("Зат атооч. Жалпы жана энчилүү зат атоочтор", 3),
            ("Зат атоочтун көптүк түрү", 2),
            ("Зат атоочтун жөндөлүшү", 4),
            ("Текшерүү иши (диктант)", 1),
            ("Сын атооч", 3),
            ("Сан атооч", 3),
        ],
        9: [
            ("Кыргыз тили – мамлекеттик тил", 1),
            ("8-класста өтүлгөндөрдү кайталоо", 3),
            ("Татаал сүйлөм жөнүндө түшүнүк", 2),
            ("Тең байланыштагы татаал сүйлөм", 4),
            ("Тең байланыштагы татаал сүйлөмдөрдө тыныш белгилер", 3),
            ("Текшерүү иши (жат жазуу)", 1),
            ("Багыныңкы байланыштагы татаал сүйлөм", 3),
            ("Багыныңкы сүйлөмдүн түрлөрү", 6),
            ("Аралаш татаал сүйлөм", 3),
            ("Төл сөз жана кыйыр сөз", 3),
            ("Диалог. Цитата", 2),
            ("Текшерүү иши (диктант)", 1),
            ("Стилистика. Тилдин функционалдык стилдери", 3),
            ("Ишкердик кагаздар: арыз, өмүр баян", 3),
            ("Кайталоо", 3),
        ],
    },
    "kyrgyz_literature": {
        5: [
            ("Киришүү. Адабият – сөз өнөрү", 1),
            ("Элдик оозеки чыгармачылык. Макал-лакаптар", 2),
            ("Табышмактар", 1),
            ("Жомоктор. «Акылдуу кыз»", 2),
            ("«Манас» эпосу. Манастын төрөлүшү", 3),
            ("Тоголок Молдо. «Булбул»", 1),
            ("Токтогул Сатылганов. Ырлары", 2),
            ("Аалы Токомбаев. «Менин мекеним»", 1),
            ("Түгөлбай Сыдыкбеков. «Балдар»", 2),
            ("Чыңгыз Айтматов. «Деңиз бойлой жорткон ала дөбөт»", 2),
        ],
        9: [
            ("Киришүү. Адабияттын тарыхы жана теориясы", 1),
            ("«Манас» эпосу – кыргыз элинин рухий байлыгы", 2),
            ("Жусуп Баласагын. «Кутадгу билиг»", 1),
            ("Махмуд Кашгари. «Диван-у лугат ат-түрк»", 1),
            ("Калыгул, Арстанбек. Акыр заман ырлары", 1),
            ("Токтогул Сатылганов. «Беш каман», «Алымкан»", 2),
            ("Тоголок Молдо. Насыят ырлары", 1),
            ("Барпы Алыкулов. Ырлары", 1),
            ("Касым Тыныстанов. Ырлары", 1),
            ("Чыңгыз Айтматов. «Жамийла»", 3),
        ],
    },
    "english": {
        5: [
            ("Unit 1. Hello! Introductions and greetings", 3),
            ("My family. Possessive adjectives", 3),
            ("Present Simple: positive and negative", 3),
            ("My school day. Telling the time", 3),
            ("School subjects. Present Simple questions", 3),
            ("Free time and hobbies", 3),
            ("Test: Present Simple", 1),
            ("My home. There is / there are", 3),
            ("Prepositions of place", 2),
            ("Food and drinks. Countable and uncountable nouns", 3),
            ("Some / any", 2),
            ("Animals. Can / can't", 3),
            ("Present Continuous", 3),
            ("Seasons and weather", 3),
            ("Holidays and celebrations. New Year", 2),
        ],
        9: [
            ("Revision: tenses", 3),
            ("Unit 1. Teenagers and their world", 3),
            ("Present Perfect and Past Simple", 4),
            ("Reading: famous people", 2),
            ("Unit 2. Environment", 3),
            ("Future forms: will, be going to", 3),
            ("Test: tenses", 1),
            ("Unit 3. Science and technology", 3),
            ("Passive voice", 4),
            ("Writing: an opinion essay", 2),
            ("Unit 4. Travelling", 3),
            ("Conditionals: zero, first and second", 4),
            ("Reported speech", 4),
            ("Test: grammar and vocabulary", 1),
            ("Unit 5. Kyrgyzstan and English-speaking countries", 3),
            ("Holidays and traditions", 3),
        ],
    },
    "russian": {
        9: [
            ("Международное значение русского языка", 1),
            ("Повторение изученного в 5–8 классах. Устная и письменная речь", 2),
            ("Простое предложение и его грамматическая основа", 2),
            ("Предложения с обособленными членами", 2),
            ("Обращения, вводные слова и вставные конструкции", 2),
            ("Входной контрольный диктант", 1),
            ("Анализ контрольного диктанта. Работа над ошибками", 1),
            ("Сложное предложение. Союзные и бессоюзные сложные предложения", 3),
            ("Сложносочинённые предложения", 2),
            ("Знаки препинания в сложносочинённом предложении", 2),
            ("Контрольный диктант «Сложносочинённое предложение»", 1),
            ("Сложноподчинённое предложение. Понятие", 2),
            ("Союзы и союзные слова в сложноподчинённом предложении", 2),
            ("Сложноподчинённые предложения с придаточными определительными", 3),
            ("Сложноподчинённые предложения с придаточными изъяснительными", 3),
            ("Сложноподчинённые предложения с придаточными обстоятельственными", 5),
            ("Сложноподчинённые предложения с несколькими придаточными", 3),
            ("Синтаксический разбор сложноподчинённого предложения", 2),
            ("Изложение с элементами сочинения", 2),
            ("Контрольный диктант «Сложноподчинённое предложение»", 1),
            ("Бессоюзное сложное предложение. Интонация", 2),
            ("Запятая и точка с запятой в бессоюзном сложном предложении", 2),
            ("Двоеточие в бессоюзном сложном предложении", 2),
            ("Тире в бессоюзном сложном предложении", 2),
        ],
    },
    "literature": {
        9: [
            ("Литература и её роль в духовной жизни человека", 1),
            ("Древнерусская литература. «Слово о полку Игореве»", 3),
            ("М. В. Ломоносов. Оды", 1),
            ("Г. Р. Державин. «Властителям и судиям», «Памятник»", 1),
            ("Н. М. Карамзин. «Бедная Лиза»", 2),
            ("В. А. Жуковский. «Море», «Светлана»", 1),
            ("А. С. Грибоедов. «Горе от ума»", 4),
            ("Сочинение по комедии «Горе от ума»", 1),
            ("А. С. Пушкин. Лирика", 2),
            ("А. С. Пушкин. «Евгений Онегин»", 6),
            ("Контрольная работа по роману «Евгений Онегин»", 1),
            ("М. Ю. Лермонтов. Лирика", 2),
            ("М. Ю. Лермонтов. «Герой нашего времени»", 5),
        ],
    },
    "geometry": {
        9: [
            ("Повторение. Четырёхугольники и треугольники", 2),
            ("Понятие вектора. Равенство векторов", 2),
            ("Сложение и вычитание векторов", 3),
            ("Умножение вектора на число", 2),
            ("Применение векторов к решению задач. Средняя линия трапеции", 2),
            ("Контрольная работа № 1 «Векторы»", 1),
            ("Разложение вектора по двум неколлинеарным векторам", 1),
            ("Координаты вектора", 2),
            ("Простейшие задачи в координатах", 2),
            ("Уравнение окружности и прямой", 3),
            ("Контрольная работа № 2 «Метод координат»", 1),
            ("Синус, косинус и тангенс угла", 2),
            ("Теорема о площади треугольника", 1),
            ("Теоремы синусов и косинусов", 3),
            ("Решение треугольников", 2),
            ("Скалярное произведение векторов", 2),
        ],
    },
    "informatics": {
        5: [
            ("Техника безопасности. Информация вокруг нас", 1),
            ("Компьютер — универсальная машина для работы с информацией", 1),
            ("Устройства ввода и вывода информации", 1),
            ("Клавиатура. Клавиатурный тренажёр", 1),
            ("Хранение информации. Носители информации", 1),
            ("Файлы и папки", 1),
            ("Передача информации", 1),
            ("Кодирование информации", 1),
            ("Текстовый редактор. Ввод и редактирование текста", 2),
            ("Проверочная работа «Компьютер и информация»", 1),
            ("Форматирование текста", 1),
            ("Графический редактор. Инструменты рисования", 2),
            ("Алгоритмы и исполнители", 2),
            ("Создание презентации", 2),
        ],
        9: [
            ("Техника безопасности. Моделирование как метод познания", 2),
            ("Знаковые модели. Графические модели", 2),
            ("Табличные модели", 1),
            ("База данных как модель предметной области", 2),
            ("Проверочная работа «Моделирование»", 1),
            ("Решение задач на компьютере. Одномерные массивы", 3),
            ("Вычисление суммы элементов массива", 2),
            ("Последовательный поиск в массиве", 2),
            ("Сортировка массива", 2),
            ("Конструирование алгоритмов", 2),
            ("Электронные таблицы. Интерфейс и основные режимы работы", 2),
            ("Формулы и функции в электронных таблицах", 3),
            ("Построение диаграмм и графиков", 2),
            ("Контрольная работа «Обработка числовой информации»", 1),
            ("Локальные и глобальные компьютерные сети", 2),
            ("Всемирная паутина. Информационная безопасность", 2),
        ],
    },
    "geography": {
        5: [
            ("Что изучает география", 1),
            ("Как люди открывали Землю", 2),
            ("Земля во Вселенной. Солнечная система", 1),
            ("Форма и размеры Земли", 1),
            ("Глобус и географическая карта", 1),
            ("Градусная сетка. Параллели и меридианы", 1),
            ("Географические координаты", 2),
            ("Проверочная работа «Изображения земной поверхности»", 1),
            ("План местности. Масштаб", 2),
            ("Стороны горизонта. Ориентирование", 1),
            ("Изображение рельефа на карте", 1),
            ("Литосфера. Внутреннее строение Земли", 1),
            ("Горные породы и минералы", 1),
            ("Горы Тянь-Шаня и Памиро-Алая", 1),
        ],
        9: [
            ("Географическое положение Кыргызстана", 2),
            ("Административно-территориальное устройство Кыргызской Республики", 2),
            ("Рельеф и полезные ископаемые", 3),
            ("Климат Кыргызстана", 3),
            ("Внутренние воды. Озеро Иссык-Куль", 3),
            ("Почвы, растительный и животный мир", 2),
            ("Проверочная работа «Природа Кыргызстана»", 1),
            ("Население Кыргызстана: численность и размещение", 2),
            ("Национальный состав населения", 1),
            ("Хозяйство Кыргызстана. Промышленность", 3),
            ("Сельское хозяйство", 2),
            ("Транспорт и связь", 2),
            ("Чуйская долина", 2),
            ("Ферганская долина", 2),
        ],
    },
    "biology": {
        5: [
            ("Биология — наука о живой природе", 1),
            ("Методы изучения природы", 1),
            ("Увеличительные приборы. Устройство микроскопа", 1),
            ("Лабораторная работа «Строение клеток кожицы лука»", 1),
            ("Строение клетки", 1),
            ("Химический состав клетки", 1),
            ("Жизнедеятельность клетки", 1),
            ("Царства живой природы", 1),
            ("Бактерии, их строение и значение", 1),
            ("Грибы. Шляпочные и плесневые грибы", 1),
            ("Проверочная работа «Клетка. Бактерии и грибы»", 1),
            ("Растения. Водоросли", 1),
            ("Мхи, папоротники, голосеменные", 1),
            ("Покрытосеменные растения", 1),
            ("Лишайники", 1),
            ("Среды обитания живых организмов", 1),
        ],
        9: [
            ("Биология — наука о жизни. Свойства живого", 2),
            ("Химический состав клетки. Неорганические вещества", 2),
            ("Органические вещества: белки, углеводы, липиды", 3),
            ("Нуклеиновые кислоты. АТФ", 2),
            ("Строение клетки. Мембрана и цитоплазма", 2),
            ("Ядро. Хромосомы", 2),
            ("Лабораторная работа «Клетки растений и животных»", 1),
            ("Обмен веществ и превращение энергии", 2),
            ("Фотосинтез", 2),
            ("Биосинтез белка", 2),
            ("Проверочная работа «Клетка»", 1),
            ("Деление клетки. Митоз", 2),
            ("Размножение организмов. Мейоз", 2),
            ("Индивидуальное развитие организмов", 2),
            ("Закономерности наследственности. Опыты Г. Менделя", 3),
        ],
    },
    "chemistry": {
        9: [
            ("Повторение курса 8 класса. Периодический закон", 2),
            ("Электролитическая диссоциация", 2),
            ("Диссоциация кислот, щелочей и солей", 2),
            ("Реакции ионного обмена", 3),
            ("Окислительно-восстановительные реакции", 2),
            ("Гидролиз солей", 2),
            ("Контрольная работа № 1 «Электролитическая диссоциация»", 1),
            ("Галогены. Хлор и его соединения", 3),
            ("Кислород и сера", 2),
            ("Серная кислота и её соли", 2),
            ("Практическая работа «Решение экспериментальных задач»", 1),
            ("Азот и фосфор. Аммиак", 3),
            ("Азотная кислота и её соли", 2),
            ("Контрольная работа № 2 «Неметаллы»", 1),
            ("Углерод и кремний", 2),
        ],
    },
    "physics": {
        9: [
            ("Материальная точка. Система отсчёта", 2),
            ("Перемещение. Определение координаты движущегося тела", 2),
            ("Прямолинейное равномерное движение", 2),
            ("Прямолинейное равноускоренное движение. Ускорение", 3),
            ("Лабораторная работа «Исследование равноускоренного движения»", 1),
            ("Относительность движения", 1),
            ("Законы Ньютона", 4),
            ("Свободное падение тел", 2),
            ("Контрольная работа № 1 «Законы движения»", 1),
            ("Закон всемирного тяготения", 2),
            ("Движение тела по окружности", 2),
            ("Импульс тела. Закон сохранения импульса", 3),
            ("Реактивное движение", 1),
            ("Закон сохранения механической энергии", 2),
            ("Механические колебания", 3),
        ],
    },
    "history_kg": {
        5: [
            ("Введение. Что изучает история", 1),
            ("Древнейшие люди на территории Кыргызстана", 1),
            ("Каменный век. Стоянки Сель-Ункур и Ак-Чункур", 1),
            ("Бронзовый век. Андроновская культура", 1),
            ("Саки на территории Кыргызстана", 2),
            ("Усуни", 1),
            ("Давань и Великий шёлковый путь", 2),
            ("Проверочная работа «Древнейшая история Кыргызстана»", 1),
            ("Гунны и их соседи", 1),
            ("Древние кыргызы на Енисее", 2),
            ("Тюркский каганат", 1),
            ("Кыргызский каганат", 2),
        ],
        9: [
            ("Кыргызстан в составе Российской империи", 3),
            ("Андижанское восстание 1898 года", 2),
            ("Восстание 1916 года. Уркун", 3),
            ("Установление советской власти в Кыргызстане", 2),
            ("Образование Кара-Кыргызской автономной области", 2),
            ("Индустриализация и коллективизация", 3),
            ("Культурная революция. Ликвидация неграмотности", 2),
            ("Проверочная работа «Кыргызстан в 1917–1930-х годах»", 1),
            ("Репрессии 1930-х годов. Мемориал «Ата-Бейит»", 2),
            ("Кыргызстан в годы Великой Отечественной войны", 3),
            ("Герои-кыргызстанцы на фронтах войны", 2),
            ("Послевоенное восстановление хозяйства", 2),
        ],
    },
    "history_world": {
        5: [
            ("Введение. Счёт лет в истории", 1),
            ("Жизнь первобытных людей", 2),
            ("Возникновение земледелия и скотоводства", 1),
            ("Древний Египет. Государство на берегах Нила", 2),
            ("Религия и культура Древнего Египта", 1),
            ("Древнее Двуречье. Законы Хаммурапи", 1),
            ("Финикийские мореплаватели", 1),
            ("Древняя Индия", 1),
            ("Древний Китай", 1),
            ("Проверочная работа «Древний Восток»", 1),
            ("Древняя Греция. Греки и критяне", 1),
            ("Поэмы Гомера «Илиада» и «Одиссея»", 1),
            ("Афинская демократия", 1),
        ],
        9: [
            ("Мир на рубеже XIX–XX веков", 1),
            ("Первая мировая война", 2),
            ("Версальско-Вашингтонская система", 1),
            ("Мир в 1920-е годы", 1),
            ("Мировой экономический кризис 1929–1933 годов", 1),
            ("Тоталитарные режимы", 2),
            ("Проверочная работа «Мир между двумя войнами»", 1),
            ("Вторая мировая война: причины и начало", 1),
            ("Коренной перелом в войне", 1),
            ("Итоги Второй мировой войны. Образование ООН", 1),
            ("«Холодная война»", 2),
        ],
    },
    "man_society": {
        9: [
            ("Человек и общество", 1),
            ("Политика и власть", 1),
            ("Государство: признаки и функции", 1),
            ("Политические режимы", 1),
            ("Правовое государство", 1),
            ("Гражданское общество", 1),
            ("Участие граждан в политической жизни. Выборы", 1),
            ("Конституция Кыргызской Республики", 2),
            ("Права и свободы человека и гражданина", 2),
            ("Проверочная работа «Политика и право»", 1),
            ("Гражданские правоотношения", 1),
            ("Права потребителей", 1),
        ],
    },
    "music": {
        0: [
            ("Музыка и литература", 2),
            ("Вокальная музыка. Песня", 1),
            ("Фольклор в музыке русских композиторов", 1),
            ("Кыргызская народная музыка. Комуз", 2),
            ("Жанры инструментальной и вокальной музыки", 1),
            ("Опера", 1),
            ("Балет", 1),
            ("Музыка в театре, кино и на телевидении", 1),
            ("Музыка и изобразительное искусство", 2),
            ("Колокольные звоны в музыке", 1),
        ],
    },
    "art": {
        0: [
            ("Древние корни народного искусства", 1),
            ("Убранство юрты и русской избы", 2),
            ("Орнамент. Шырдак и ала-кийиз", 2),
            ("Народная праздничная одежда", 1),
            ("Народные промыслы", 2),
            ("Декор — человек, общество, время", 2),
            ("Декоративное искусство в современном мире", 2),
            ("Натюрморт", 1),
            ("Пейзаж", 2),
        ],
    },
    "technology": {
        5: [
            ("Вводное занятие. Техника безопасности", 1),
            ("Технологии вокруг нас", 1),
            ("Материалы и их свойства", 2),
            ("Древесина. Пиломатериалы", 2),
            ("Разметка заготовок из древесины", 2),
            ("Пиление и строгание древесины", 2),
            ("Сверление отверстий", 2),
            ("Соединение деталей гвоздями, шурупами и клеем", 2),
            ("Отделка изделий из древесины", 2),
            ("Творческий проект «Разделочная доска»", 4),
            ("Тонколистовой металл и проволока", 2),
            ("Правка и разметка тонколистового металла", 2),
            ("Питание и кулинария. Санитария и гигиена", 2),
        ],
        0: [
            ("Работа с природными материалами", 2),
            ("Аппликация из цветной бумаги", 2),
            ("Оригами", 2),
            ("Лепка из пластилина", 2),
            ("Работа с тканью. Шов «вперёд иголку»", 2),
            ("Изделие из картона", 2),
            ("Новогодняя игрушка", 2),
        ],
    },
    "pe": {
        5: [
            ("Техника безопасности на уроках физкультуры. Лёгкая атлетика", 1),
            ("Бег на короткие дистанции. Низкий старт", 3),
            ("Прыжок в длину с разбега", 2),
            ("Метание малого мяча", 2),
            ("Бег на 1000 м", 1),
            ("Кроссовая подготовка", 2),
            ("Футбол", 3),
            ("Гимнастика. Строевые упражнения", 2),
            ("Акробатика: кувырки вперёд и назад", 3),
            ("Лазание по канату", 1),
            ("Опорный прыжок", 2),
            ("Баскетбол: ведение и передача мяча", 4),
            ("Волейбол: приём и передача мяча", 3),
        ],
        9: [
            ("Техника безопасности на уроках физкультуры. Лёгкая атлетика", 1),
            ("Спринтерский бег. Бег 60 м", 2),
            ("Прыжок в длину с разбега", 2),
            ("Метание гранаты", 2),
            ("Бег на 2000 м", 1),
            ("Кроссовая подготовка", 2),
            ("Футбол", 3),
            ("Гимнастика. Строевые упражнения", 1),
            ("Акробатическая комбинация", 3),
            ("Висы и упоры", 2),
            ("Опорный прыжок", 2),
            ("Баскетбол: бросок в движении", 3),
            ("Волейбол: верхняя прямая подача", 3),
            ("Национальные игры: ордо, топ тебүү", 2),
        ],
    },
    # Primary classes (1–4).
    "russian_primary": {
        0: [
            ("Звуки и буквы", 3),
            ("Гласные и согласные звуки", 3),
            ("Слог. Ударение. Перенос слов", 3),
            ("Заглавная буква в именах собственных", 2),
            ("Сочетания жи–ши, ча–ща, чу–щу", 3),
            ("Предложение. Знаки препинания в конце предложения", 3),
            ("Текст. Тема и главная мысль текста", 2),
            ("Безударные гласные в корне слова", 4),
            ("Парные звонкие и глухие согласные", 4),
            ("Разделительный мягкий знак", 2),
            ("Имя существительное", 4),
            ("Глагол", 3),
            ("Имя прилагательное", 3),
            ("Предлоги", 2),
        ],
    },
    "reading": {
        0: [
            ("Загадки, пословицы, потешки", 3),
            ("Русские народные сказки", 3),
            ("А. С. Пушкин. «Сказка о рыбаке и рыбке»", 2),
            ("Басни И. А. Крылова", 2),
            ("Л. Н. Толстой. Рассказы для детей", 2),
            ("Стихи русских поэтов об осени", 2),
            ("Н. Н. Носов. «Живая шляпа»", 2),
            ("В. В. Бианки. «Лесные домишки»", 2),
            ("К. И. Чуковский. «Федорино горе»", 2),
            ("С. Я. Маршак. Стихи", 2),
            ("Стихи о зиме", 2),
            ("Внеклассное чтение. Книги о животных", 2),
        ],
    },
    "mathematics_primary": {
        0: [
            ("Счёт предметов. Сравнение групп предметов", 3),
            ("Нумерация чисел", 3),
            ("Сложение и вычитание", 4),
            ("Задача. Условие и вопрос задачи", 3),
            ("Решение задач в два действия", 3),
            ("Единицы длины: сантиметр, дециметр, метр", 3),
            ("Табличное сложение и вычитание", 4),
            ("Умножение и деление", 4),
            ("Периметр многоугольника", 2),
            ("Порядок действий в выражениях со скобками", 3),
            ("Отрезок, угол, прямоугольник", 2),
        ],
    },
    "world_around": {
        0: [
            ("Что такое окружающий мир", 1),
            ("Природа живая и неживая", 1),
            ("Осенние изменения в природе", 1),
            ("Растения нашего края", 2),
            ("Животные нашего края", 2),
            ("Наш город Бишкек", 1),
            ("Безопасный путь в школу", 1),
            ("Здоровье и режим дня", 1),
            ("Вода и её свойства", 1),
            ("Воздух и его свойства", 1),
            ("Зимние изменения в природе", 1),
        ],
    },
    "homeland": {
        0: [
            ("Моя Родина — Кыргызстан", 1),
            ("Государственные символы Кыргызской Республики", 2),
            ("Бишкек — столица Кыргызстана", 1),
            ("Природа родного края", 2),
            ("Народы Кыргызстана", 1),
            ("Юрта — жилище кочевников", 1),
            ("Народные ремёсла", 1),
            ("Национальные праздники", 1),
            ("Знаменитые люди Кыргызстана", 2),
        ],
    },
}
PRIMARY_TOPIC_KEYS = {
    "russian": "russian_primary",
    "mathematics": "mathematics_primary",
}

# Homework per subject; {p}: paragraph, {n}/{n2}/{n3}: exercises, {page}/{page2}.
HOMEWORK = {
    "mathematics": (
        "п. {p}, № {n}, {n2}, {n3}",
        "п. {p}, № {n}, {n2}; повторить правила",
    ),
    "algebra": ("§ {p}, № {n}, {n2}, {n3}", "§ {p}, № {n}, {n2}"),
    "geometry": ("п. {p}, задачи № {n}, {n2}", "п. {p}, вопросы 1–4, № {n}"),
    "russian": ("Упр. {n}", "§ {p}, упр. {n}; выучить правило", "Упр. {n}, {n2}"),
    "literature": (
        "Прочитать текст, ответить на вопросы на с. {page}",
        "Выразительное чтение, с. {page}–{page2}",
        "Подготовить пересказ, с. {page}–{page2}",
        "Выучить наизусть отрывок (с. {page})",
    ),
    "kyrgyz": ("{n}-көнүгүү", "{n}-көнүгүү, эрежени жаттоо"),
    "kyrgyz_literature": (
        "Чыгарманы окуу ({page}-бет), суроолорго жооп берүү",
        "Ырды жаттоо ({page}-бет)",
    ),
    "english": ("Ex. {n}, p. {page}", "WB p. {page}, ex. {n}; learn the new words"),
    "informatics": ("§ {p}, вопросы 1–4", "§ {p}, задание {n} в рабочей тетради"),
    "geography": ("§ {p}, вопросы 1–5", "§ {p}, задание на контурной карте"),
    "biology": ("§ {p}, вопросы 1–4", "§ {p}, заполнить таблицу"),
    "chemistry": ("§ {p}, упр. {n}", "§ {p}, задача {n}"),
    "physics": ("§ {p}, упр. {n}", "§ {p}, вопросы 1–3, упр. {n}"),
    "history_kg": ("§ {p}, вопросы 1–3", "§ {p}, подготовить сообщение"),
    "history_world": ("§ {p}, вопросы 1–4", "§ {p}, составить план параграфа"),
    "man_society": ("§ {p}, вопросы 1–3", "§ {p}, письменно ответить на вопрос 4"),
    "technology": ("Подготовить материалы к следующему уроку",),
    "reading": ("Читать с. {page}–{page2}", "Выразительное чтение, с. {page}"),
    "world_around": ("с. {page}–{page2}, ответить на вопросы",),
    "homeland": ("с. {page}, рассказать родителям",),
    "russian_primary": ("Упр. {n}, с. {page}",),
    "mathematics_primary": ("с. {page}, № {n}, {n2}",),
}
INDIVIDUAL_HOMEWORK = (
    "Индивидуальная карточка по теме «{topic}»",
    "Работа над ошибками, карточка № {k}",
)

CORRECTION_MARK_REASON = (
    "При переносе отметки за устный ответ допущена ошибка: выставлено «3» вместо «4». "
    "Подтверждается записью в рабочей тетради учителя."
)
CORRECTION_ATTENDANCE_REASON = (
    "Ученик опоздал на 10 минут, а не отсутствовал весь урок: отметка об отсутствии "
    "поставлена ошибочно."
)


class EjournalDemo(models.AbstractModel):
    _name = "ejournal.demo"
    _description = "Electronic Journal Demo Data"

    # ------------------------------------------------------------------ entry point

    @api.model
    def _generate_journal(self):
        """Timetable, lessons of quarters I–II and the journal up to today."""
        year = self.env.ref(f"{MODULE}.{YEAR}", raise_if_not_found=False)
        if not year or self.env["ejournal.timetable.slot"].search_count(
            [("class_id.year_id", "=", year.id)], limit=1
        ):
            return False
        today = year.company_id._ejournal_today()
        full_classes = self._demo_records(FULL_CLASSES)
        classes = full_classes | self._demo_records(SMALL_CLASSES)
        quarters = self._demo_records(QUARTERS)
        with journal_unlocked():
            self._demo_timetable(year, classes)
            quarters._generate_lessons()
            marks = self._demo_fill_journal(
                year, quarters, classes, full_classes, today
            )
            self._demo_quarter_marks(quarters[:1], marks, today)
        # Corrections go the normal way: requested by a teacher, decided by the deputy.
        self._demo_corrections(today)
        return True

    def _demo_records(self, xmlids):
        records = [self.env.ref(f"{MODULE}.{xmlid}") for xmlid in xmlids]
        return records[0].browse([record.id for record in records])

    def _demo_ref_suffixes(self, model, prefix, suffixes):
        """{record: suffix} for the demo records ``prefix + suffix`` that exist."""
        result = {}
        for suffix in suffixes:
            record = self.env.ref(
                f"{MODULE}.{prefix}{suffix}", raise_if_not_found=False
            )
            if record and record._name == model:
                result[record] = suffix
        return result

    # ------------------------------------------------------------------ timetable

    def _demo_timetable(self, year, classes):
        """REQ-30: the weekly timetable of ``classes`` for the whole year, no clash."""
        assignments = self.env["ejournal.teaching.assignment"].search(
            [("class_id", "in", classes.ids)]
        )
        blocks_by_class = {
            school_class: self._demo_timetable_blocks(
                school_class,
                assignments.filtered(lambda a, c=school_class: a.class_id == c),
            )
            for school_class in classes.sorted("name")
        }
        placement = self._demo_timetable_place(blocks_by_class)
        rooms = {
            employee: ROOMS[xmlid]
            for employee, xmlid in self._demo_ref_suffixes(
                "hr.employee", "", ROOMS
            ).items()
        }
        vals_list = []
        for school_class, lessons in placement.items():
            for day, number, block in lessons:
                for assignment in block:
                    vals_list.append(
                        {
                            "class_id": school_class.id,
                            "subgroup_id": assignment.subgroup_id.id,
                            "weekday": str(day),
                            "lesson_number": number,
                            "subject_id": assignment.subject_id.id,
                            "teacher_id": assignment.teacher_id.id,
                            "room": rooms.get(assignment.teacher_id)
                            or school_class.room,
                            "date_from": year.date_start,
                            "date_to": year.date_end,
                        }
                    )
        return self.env["ejournal.timetable.slot"].create(vals_list)

    @staticmethod
    def _demo_assignment_key(assignment):
        return (
            assignment.subject_id.sequence,
            assignment.subject_id.name,
            assignment.subgroup_id.name or "",
        )

    def _demo_timetable_blocks(self, school_class, assignments):
        """The lessons of a week as blocks: assignments taught at the same time.

        A subgroup is paired with a subgroup of the other half of the class: the two
        English groups together, and the two halves of a subject with one teacher
        (Informatics) each beside the other half's English.
        """
        curriculum_hours = defaultdict(float)
        for line in school_class.curriculum_id.line_ids:
            curriculum_hours[line.subject_id] += line.hours_per_week

        def hours(assignment):
            return int(
                round(
                    assignment.hours_per_week or curriculum_hours[assignment.subject_id]
                )
            )

        key = self._demo_assignment_key
        blocks = []
        for assignment in assignments.filtered(lambda a: not a.subgroup_id).sorted(key):
            blocks += [(assignment,)] * hours(assignment)
        split = assignments.filtered("subgroup_id").sorted(key)
        remaining = {assignment: hours(assignment) for assignment in split}
        pupils = {
            assignment: set(assignment.subgroup_id.student_ids.ids)
            for assignment in split
        }
        teachers = defaultdict(list)
        for assignment in split:
            teachers[assignment.subject_id].append(assignment.teacher_id)
        single_teacher = [
            a
            for a in split
            if len(set(teachers[a.subject_id])) < len(teachers[a.subject_id])
        ]
        for assignment in single_teacher + [
            a for a in split if a not in single_teacher
        ]:
            while remaining[assignment] > 0:
                block = [assignment]
                remaining[assignment] -= 1
                for other in sorted(split, key=lambda a: (-remaining[a], key(a))):
                    if remaining[other] > 0 and all(
                        other.teacher_id != member.teacher_id
                        and not pupils[other] & pupils[member]
                        for member in block
                    ):
                        block.append(other)
                        remaining[other] -= 1
                blocks.append(tuple(block))
        return self._demo_timetable_trim(school_class, blocks)

    def _demo_timetable_trim(self, school_class, blocks):
        """Keep the week within 5 days of 7 lessons (an overloaded curriculum)."""
        capacity = DAYS * LESSONS_PER_DAY
        while len(blocks) > capacity:
            counts = Counter(block for block in blocks if not block[0].subgroup_id)
            block = max(
                counts,
                key=lambda b: (counts[b], -b[0].subject_id.sequence),
            )
            blocks.remove(block)
            _logger.info(
                "Demo timetable: %s has more lessons than %s a week; one hour of %s "
                "is left out.",
                school_class.name,
                capacity,
                block[0].subject_id.name,
            )
        return blocks

    def _demo_timetable_place(self, blocks_by_class):
        """Place the blocks on weekdays × lesson numbers with no teacher clash.

        Lesson by lesson of the week, each class takes the block that is most
        behind, with a seeded random tie-break; a dead end starts again with the
        next seed.
        """
        heavy = set(
            self._demo_ref_suffixes(
                "ejournal.subject", "ejournal_subject_demo_", HEAVY_SUBJECTS
            )
        )
        for attempt in range(100):
            placement = self._demo_timetable_attempt(
                blocks_by_class, heavy, random.Random(f"timetable-{attempt}")
            )
            if placement:
                return placement
        _logger.warning("Demo timetable: no clash-free timetable found.")
        return {}

    def _demo_timetable_attempt(self, blocks_by_class, heavy, rng):
        remaining, loads, caps = {}, {}, {}
        for school_class, blocks in blocks_by_class.items():
            remaining[school_class] = Counter(blocks)
            base, extra = divmod(len(blocks), DAYS)
            loads[school_class] = [base + (day < extra) for day in range(DAYS)]
            hours = Counter(a.subject_id for block in blocks for a in block)
            caps[school_class] = {s: math.ceil(h / DAYS) for s, h in hours.items()}
        busy = set()
        placement = defaultdict(list)
        classes = list(blocks_by_class)
        for day in range(DAYS):
            done_today = defaultdict(Counter)
            for number in range(1, LESSONS_PER_DAY + 1):
                rng.shuffle(classes)
                for school_class in classes:
                    if number > loads[school_class][day]:
                        continue
                    shift = school_class.shift
                    free = [
                        block
                        for block, count in remaining[school_class].items()
                        if count
                        and all(
                            (shift, day, number, a.teacher_id.id) not in busy
                            for a in block
                        )
                    ]
                    within_cap = [
                        block
                        for block in free
                        if all(
                            done_today[school_class][a.subject_id]
                            < caps[school_class][a.subject_id]
                            for a in block
                        )
                    ]
                    candidates = within_cap or free
                    if not candidates:
                        return None

                    def score(block, school_class=school_class, number=number, day=day):
                        value = remaining[school_class][block] / (DAYS - day)
                        if block[0].subject_id in heavy:
                            value += 0.5 if 2 <= number <= 4 else -0.2
                        return value + rng.random() * 0.6

                    block = max(candidates, key=score)
                    remaining[school_class][block] -= 1
                    for assignment in block:
                        busy.add((shift, day, number, assignment.teacher_id.id))
                        done_today[school_class][assignment.subject_id] += 1
                    placement[school_class].append((day, number, block))
        return placement

    # ------------------------------------------------------------------ the journal

    def _demo_fill_journal(self, year, quarters, classes, full_classes, today):
        """Pages, attendance and marks of the lessons held up to today (REQ-40…44).

        Full classes get everything; the small classes get their pages only. Today's
        lessons get a page for the first ones only, nothing else: they are for the
        demo of entering marks. Returns the marks given, as
        ``[(student id, subject id, date, numeric value, weight)]``.
        """
        lessons = (
            self.env["ejournal.lesson"]
            .search(
                [
                    ("class_id", "in", classes.ids),
                    ("date", ">=", quarters[0].date_start),
                    ("date", "<=", min(today, quarters[-1].date_end)),
                    ("state", "=", "planned"),
                ]
            )
            .sorted(
                lambda lesson: (
                    lesson.date,
                    lesson.lesson_number,
                    lesson.class_id.name,
                    lesson.subject_id.name,
                    lesson.subgroup_id.name or "",
                )
            )
        )
        if not lessons:
            return []
        subject_keys = self._demo_subject_keys()
        weekly_hours = self._demo_weekly_hours(classes)
        topics = self._demo_topic_sources(classes, subject_keys, weekly_hours)
        members = self._demo_members(full_classes)
        absences = self._demo_absence_plan(year, quarters, full_classes, today)
        context = {
            "subject_keys": subject_keys,
            "work_types": self._demo_work_types(),
            "scales": {},
            "hours": weekly_hours,
            "setters": self._demo_reason_setters(full_classes),
        }
        streams = defaultdict(_Stream)
        pages = defaultdict(list)
        taken = []
        homework, attendance, reasons, marks = [], [], [], []
        for lesson in lessons:
            is_today = lesson.date == today
            if is_today and lesson.lesson_number > TODAY_LESSONS_WITH_TOPIC:
                continue
            stream = streams[lesson.class_id, lesson.subject_id, lesson.subgroup_id]
            line, topic = stream.next_topic(topics(lesson))
            assessment = self._demo_assessment(topic, context["work_types"])
            page = {"plan_line_id": line.id} if line else {"topic": topic}
            if assessment:
                page["work_type_id"] = assessment.id
            pages[tuple(sorted(page.items()))].append(lesson.id)
            pupils = []
            if not is_today:
                taken.append(lesson.id)
                if lesson.class_id in full_classes:
                    pupils = members(lesson.class_id, lesson.date, lesson.subgroup_id)
            absent = self._demo_attendance(
                lesson, pupils, absences, context, attendance, reasons
            )
            present = [pupil for pupil in pupils if pupil.id not in absent]
            homework += self._demo_homework(lesson, stream, topic, present, context)
            marks += self._demo_marks(lesson, stream, present, assessment, context)
        Lesson = self.env["ejournal.lesson"]
        for page, lesson_ids in pages.items():
            Lesson.browse(lesson_ids).write(dict(page))
        Lesson.browse(taken).write({"attendance_taken": True})
        self.env["ejournal.homework"].create(homework)
        self._demo_set_reasons(
            self.env["ejournal.attendance"].create(attendance), reasons
        )
        created = self.env["ejournal.mark"].create(marks)
        _logger.info(
            "Demo journal: %s lessons up to today, %s homework, %s absences and "
            "lateness, %s marks.",
            len(lessons),
            len(homework),
            len(attendance),
            len(created),
        )
        return [
            (
                mark.student_id.id,
                mark.subject_id.id,
                mark.date,
                mark.value_id.numeric_value,
                mark.weight,
            )
            for mark in created
            if mark.value_id.counts_in_average
        ]

    def _demo_subject_keys(self):
        """{subject: its demo xmlid without the prefix}, e.g. ``mathematics``."""
        prefix = "ejournal_subject_demo_"
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", MODULE),
                ("model", "=", "ejournal.subject"),
                ("name", "=like", f"{prefix}%"),
            ]
        )
        return {
            self.env["ejournal.subject"].browse(item.res_id): item.name[len(prefix) :]
            for item in data
        }

    def _demo_work_types(self):
        return {
            key: self.env.ref(f"{MODULE}.ejournal_work_type_{key}")
            for key in (
                "answer",
                "classwork",
                "homework",
                "test",
                "dictation",
                "control",
            )
        }

    def _demo_weekly_hours(self, classes):
        hours = defaultdict(float)
        for slot in self.env["ejournal.timetable.slot"].search(
            [("class_id", "in", classes.ids)]
        ):
            hours[slot.class_id, slot.subject_id, slot.subgroup_id] += 1
        return hours

    def _demo_reason_setters(self, classes):
        """Who sets absence reasons: the class teacher, or the deputy for them."""
        deputy = self.env.ref(f"{MODULE}.res_users_demo_deputy88")
        return {
            school_class: school_class.class_teacher_id.user_id or deputy
            for school_class in classes
        }

    def _demo_topic_sources(self, classes, subject_keys, weekly_hours):
        """A function giving the topics of a lesson's class and subject, one a lesson.

        The thematic plan of the class when there is one (the lesson links to the
        plan's topic), else the plan of the parallel, else the topics above, each
        stretched over more lessons when the list is short for the two quarters.
        """
        plans = self.env["ejournal.thematic.plan"].search(
            [("class_id", "in", classes.ids)]
        )
        linked, by_grade, cache = {}, {}, {}
        for plan in plans.sorted(lambda p: (p.class_id.name, p.subject_id.name)):
            items = [
                (line, line.name)
                for line in plan.line_ids
                for _hour in range(max(1, round(line.hours)))
            ]
            linked[plan.class_id, plan.subject_id] = items
            by_grade.setdefault(
                (plan.class_id.grade_level, plan.subject_id),
                [(False, name) for _line, name in items],
            )

        def topics(lesson):
            school_class, subject = lesson.class_id, lesson.subject_id
            if (school_class, subject) in linked:
                return linked[school_class, subject]
            grade = school_class.grade_level
            if (grade, subject) in by_grade:
                return by_grade[grade, subject]
            hours = weekly_hours[school_class, subject, lesson.subgroup_id]
            if (grade, subject, hours) not in cache:
                key = subject_keys.get(subject, "")
                if grade <= 4:
                    key = PRIMARY_TOPIC_KEYS.get(key, key)
                grades = TOPICS.get(key, {})
                items = grades.get(grade) or grades.get(0) or [(subject.name, 1)]
                stretch = max(
                    1, math.ceil(hours * TOPIC_WEEKS / sum(h for _n, h in items))
                )
                cache[grade, subject, hours] = [
                    (False, name)
                    for name, lessons in items
                    for _lesson in range(
                        lessons if _assessment(name) else lessons * stretch
                    )
                ]
            return cache[grade, subject, hours]

        return topics

    def _demo_members(self, classes):
        """A function giving the pupils of a class or subgroup on a date.

        The same list as ``ejournal.lesson._students()``, without a query a lesson.
        """
        enrolments = defaultdict(list)
        for enrolment in self.env["ejournal.class.enrolment"].search(
            [("class_id", "in", classes.ids)]
        ):
            enrolments[enrolment.class_id].append(enrolment)
        subgroups = {}

        def members(school_class, date, subgroup=None):
            pupils = [
                enrolment.student_id
                for enrolment in enrolments[school_class]
                if enrolment.date_from <= date
                and (not enrolment.date_to or enrolment.date_to >= date)
            ]
            if subgroup:
                if subgroup not in subgroups:
                    subgroups[subgroup] = set(subgroup.student_ids.ids)
                pupils = [pupil for pupil in pupils if pupil.id in subgroups[subgroup]]
            return sorted(pupils, key=_file_number)

        return members

    @staticmethod
    def _demo_assessment(topic, work_types):
        """The work type of a whole-class assessment named in the topic, if any."""
        key = _assessment(topic)
        return work_types[key] if key else False

    # ------------------------------------------------------------------ attendance

    def _demo_absence_plan(self, year, quarters, classes, today):
        """Who misses which lessons, and the reason the class teacher sets, if any.

        Illness for a few days (certificate brought the first day back), a day off
        for family reasons, lessons skipped by a few weak pupils, some lateness.
        ``{"day": {(student id, date): reason}, "lesson": {(student id, date,
        lesson number): reason}, "late": {(student id, date)}}``; a reason is
        ``(code, document date, set on)`` or ``None`` (no reason yet).
        """
        date_from, date_to = quarters[0].date_start, quarters[-1].date_end
        grades = {}
        for enrolment in (
            self.env["ejournal.class.enrolment"]
            .search([("class_id", "in", classes.ids)])
            .sorted(lambda e: (e.date_from, e.class_id.name))
        ):
            grades.setdefault(enrolment.student_id, enrolment.class_id.grade_level)
        plan = {"day": {}, "lesson": {}, "late": set()}
        calendars = {
            grade: sorted(year._calendar(date_from, date_to, grade))
            for grade in set(grades.values())
        }
        tz = pytz.timezone(year.company_id.ejournal_tz or DEFAULT_SCHOOL_TZ)
        for pupil in sorted(grades, key=_file_number):
            days = calendars[grades[pupil]]
            rng = random.Random(f"absences|{pupil.personal_file_number}")
            episodes = [
                ("illness", rng.choice((1, 2, 2, 3, 3, 4, 5)))
                for _i in range(rng.choices((0, 1, 2), weights=(40, 45, 15))[0])
            ]
            if rng.random() < 0.3:
                episodes.append(("valid", 1))
            for kind, length in episodes:
                start = rng.randrange(len(days))
                missed = days[start : start + length]
                reason = self._demo_reason(rng, days, kind, missed, today, tz)
                for day in missed:
                    plan["day"].setdefault((pupil.id, day), reason)
            if _level(pupil) <= WEAK_MEAN:
                for _i in range(rng.randint(2, 5)):
                    day = rng.choice(days)
                    reason = self._demo_reason(rng, days, "unexcused", [day], today, tz)
                    plan["lesson"][pupil.id, day, rng.randint(2, 6)] = reason
            for _i in range(rng.choices((0, 1, 2, 3), weights=(50, 30, 15, 5))[0]):
                plan["late"].add((pupil.id, rng.choice(days)))
        return plan

    @staticmethod
    def _demo_reason(rng, days, kind, missed, today, tz):
        """``(reason, document date, set on)`` of an absence, or None when unset."""
        if kind == "valid":
            document_index = bisect_left(days, missed[0])
            delay = rng.choice((0, 0, 1))
            never = False
        elif kind == "illness":
            document_index = bisect_right(days, missed[-1])
            delay = rng.choice((0, 0, 0, 1, 1, 2, 4))
            never = rng.random() < 0.08
        else:
            document_index = bisect_right(days, missed[-1])
            delay = rng.choice((0, 1))
            never = rng.random() < 0.4
        minutes = rng.randrange(180)  # drawn first: the plan does not depend on today
        set_index = document_index + delay
        if never or set_index >= len(days) or days[set_index] > today:
            return None
        local = datetime.combine(days[set_index], datetime.min.time()) + timedelta(
            hours=14, minutes=minutes
        )
        set_on = tz.localize(local).astimezone(pytz.utc).replace(tzinfo=None)
        return (kind, days[document_index], min(set_on, fields.Datetime.now()))

    def _demo_attendance(self, lesson, pupils, absences, context, vals_list, reasons):
        """Absences and lateness of a lesson; returns the ids of the absent pupils."""
        absent = set()
        for pupil in pupils:
            key = (pupil.id, lesson.date)
            lesson_key = (*key, lesson.lesson_number)
            if key in absences["day"] or lesson_key in absences["lesson"]:
                reason = absences["day"].get(key) or absences["lesson"].get(lesson_key)
                absent.add(pupil.id)
                vals = {
                    "lesson_id": lesson.id,
                    "student_id": pupil.id,
                    "status": "absent",
                }
                if reason:
                    vals.update(reason=reason[0], document_date=reason[1])
                    reasons.append((reason[2], context["setters"][lesson.class_id].id))
                else:
                    reasons.append(None)
                vals_list.append(vals)
            elif key in absences["late"] and lesson.lesson_number == 1:
                vals_list.append(
                    {"lesson_id": lesson.id, "student_id": pupil.id, "status": "late"}
                )
                reasons.append(None)
        return absent

    def _demo_set_reasons(self, attendances, reasons):
        """Date the reasons as if the class teacher set them when the note came.

        ``create`` stamps them with now and the current user; ``reason_set_on`` and
        ``reason_set_by_id`` are not audited fields (the audit log keeps its chain),
        so they are dated in SQL, then ``reason_is_late`` is recomputed.
        """
        rows = [
            (attendance.id, *reason)
            for attendance, reason in zip(attendances, reasons, strict=True)
            if reason
        ]
        if not rows:
            return
        ids, set_ons, user_ids = (list(column) for column in zip(*rows, strict=True))
        self.env.cr.execute(
            """
            UPDATE ejournal_attendance AS a
               SET reason_set_on = v.set_on, reason_set_by_id = v.user_id
              FROM unnest(%s::int[], %s::timestamp[], %s::int[])
                   AS v(id, set_on, user_id)
             WHERE a.id = v.id
            """,
            (ids, set_ons, user_ids),
        )
        changed = attendances.browse(ids)
        changed.invalidate_recordset(["reason_set_on", "reason_set_by_id"])
        self.env.add_to_compute(attendances._fields["reason_is_late"], changed)
        changed.flush_recordset(["reason_is_late"])

    # ------------------------------------------------------------- homework and marks

    def _demo_homework(self, lesson, stream, topic, present, context):
        """General homework of most lessons; now and then cards for weak pupils."""
        key = context["subject_keys"].get(lesson.subject_id, "")
        if lesson.class_id.grade_level <= 4:
            key = PRIMARY_TOPIC_KEYS.get(key, key)
        templates = HOMEWORK.get(key)
        if not templates or lesson.class_id.grade_level == 1:
            return []
        rng = random.Random(f"homework|{_lesson_seed(lesson)}")
        if rng.random() < 0.1:
            return []
        stream.exercise += rng.randint(2, 6)
        stream.page += rng.randint(1, 4)
        n2 = stream.exercise + rng.randint(1, 4)
        text = rng.choice(templates).format(
            p=stream.paragraph,
            n=stream.exercise,
            n2=n2,
            n3=n2 + rng.randint(1, 4),
            page=stream.page,
            page2=stream.page + rng.randint(2, 5),
        )
        vals_list = [{"lesson_id": lesson.id, "kind": "general", "text": text}]
        weak = [pupil for pupil in present if _level(pupil) <= WEAK_MEAN][:2]
        if weak and key in ("mathematics", "algebra", "russian") and rng.random() < 0.1:
            vals_list.append(
                {
                    "lesson_id": lesson.id,
                    "kind": "individual",
                    "text": rng.choice(INDIVIDUAL_HOMEWORK).format(
                        topic=topic, k=rng.randint(1, 12)
                    ),
                    "student_ids": [Command.set([pupil.id for pupil in weak])],
                }
            )
        return vals_list

    def _demo_marks(self, lesson, stream, present, assessment, context):
        """Every present pupil for an assessment, else 2–4 pupils in turn."""
        if not present:
            return []
        rng = random.Random(f"marks|{_lesson_seed(lesson)}")
        work_types = context["work_types"]
        if assessment:
            given = [(pupil, assessment) for pupil in present]
        else:
            hours = context["hours"][
                lesson.class_id, lesson.subject_id, lesson.subgroup_id
            ]
            counts = (
                (3, 4, 5)
                if hours <= 1
                else (1, 2, 2, 3)
                if lesson.subgroup_id
                else (2, 3, 3, 4)
            )
            count = min(rng.choice(counts), len(present))
            waiting = sorted(
                present,
                key=lambda pupil: (stream.last_marked.get(pupil.id, -1), rng.random()),
            )
            chosen = rng.sample(waiting[: 2 * count], count)
            oral = (
                work_types["answer"],
                work_types["classwork"],
                work_types["homework"],
            )
            given = [
                (pupil, rng.choices(oral, weights=(5, 4, 1))[0])
                for pupil in sorted(chosen, key=_file_number)
            ]
        scale = lesson.grade_scale_id
        if scale not in context["scales"]:
            context["scales"][scale] = {value.code: value for value in scale.value_ids}
        values = context["scales"][scale]
        vals_list = []
        for pupil, work_type in given:
            stream.last_marked[pupil.id] = stream.index
            value = self._demo_mark_value(lesson, pupil, work_type, values)
            if value:
                vals_list.append(
                    {
                        "lesson_id": lesson.id,
                        "student_id": pupil.id,
                        "value_id": value.id,
                        "work_type_id": work_type.id,
                    }
                )
        return vals_list

    @staticmethod
    def _demo_mark_value(lesson, pupil, work_type, values):
        """A mark around the pupil's level in the subject."""
        rng = random.Random(f"mark|{_lesson_seed(lesson)}|{pupil.personal_file_number}")
        mean = _level(pupil) + _talent(pupil, lesson.subject_id)
        spread = 0.6
        if work_type.is_control_work:
            mean, spread = mean - 0.15, 0.75
        if "5" in values:
            return values.get(str(min(5, max(2, round(rng.gauss(mean, spread))))))
        return values.get("зач" if rng.random() < (mean - 2) / 2.5 else "незач")

    # ------------------------------------------------------------------ period marks

    def _demo_quarter_marks(self, quarter, marks, today):
        """REQ-46: quarter marks of 5А in the subjects of teacher88 and classteacher88.

        Mostly the proposed mark (weighted average); on a borderline average the
        teacher sometimes decides the other way.
        """
        if not quarter or today < quarter.date_end or not marks:
            return self.env["ejournal.period.mark"]
        school_class = self.env.ref(f"{MODULE}.{QUARTER_MARK_CLASS}")
        users = self._demo_records_users()
        subjects = school_class.assignment_ids.filtered(
            lambda a: a.teacher_user_id in users
        ).subject_id
        terms = defaultdict(list)
        for student_id, subject_id, date, value, weight in marks:
            if quarter.date_start <= date <= quarter.date_end:
                terms[student_id, subject_id].append((value, weight))
        scale = school_class.company_id._ejournal_grade_scale()
        by_number = {
            value.numeric_value: value
            for value in scale.value_ids.filtered("counts_in_average")
        }
        pupils = sorted(school_class._students_on(quarter.date_end), key=_file_number)
        vals_list = []
        for subject in subjects.sorted("sequence"):
            for pupil in pupils:
                items = terms.get((pupil.id, subject.id))
                if not items:
                    continue
                average = sum(v * w for v, w in items) / sum(w for _v, w in items)
                value = scale._value_for_average(average)
                rng = random.Random(
                    f"quarter|{quarter.name}|{subject.name}|{pupil.personal_file_number}"
                )
                if 0.4 <= average % 1 < 0.6 and rng.random() < 0.3:
                    other = (
                        math.floor(average)
                        if value.numeric_value > average
                        else math.ceil(average)
                    )
                    value = by_number.get(other, value)
                vals_list.append(
                    {
                        "student_id": pupil.id,
                        "class_id": school_class.id,
                        "subject_id": subject.id,
                        "kind": "quarter",
                        "period_id": quarter.id,
                        "value_id": value.id,
                    }
                )
        return self.env["ejournal.period.mark"].create(vals_list)

    def _demo_records_users(self):
        return self.env["res.users"].browse(
            [self.env.ref(f"{MODULE}.{xmlid}").id for xmlid in QUARTER_MARK_USERS]
        )

    # ------------------------------------------------------------------ corrections

    def _demo_corrections(self, today):
        """REQ-45: one correction approved by the deputy director, one pending."""
        teacher = self.env.ref(f"{MODULE}.res_users_demo_teacher88")
        class_teacher = self.env.ref(f"{MODULE}.res_users_demo_classteacher88")
        deputy = self.env.ref(f"{MODULE}.res_users_demo_deputy88")
        school_class = self.env.ref(f"{MODULE}.{QUARTER_MARK_CLASS}")
        Correction = self.env["ejournal.correction"]
        mark = self.env["ejournal.mark"].search(
            [
                ("class_id", "=", school_class.id),
                ("lesson_id.teacher_user_id", "=", teacher.id),
                ("value_id.code", "=", "3"),
                (
                    "work_type_id",
                    "=",
                    self.env.ref(f"{MODULE}.ejournal_work_type_answer").id,
                ),
                ("date", "<=", today - timedelta(days=7)),
            ],
            order="date desc, id",
            limit=1,
        )
        if mark:
            four = mark.value_id.scale_id.value_ids.filtered(lambda v: v.code == "4")
            correction = Correction.with_user(teacher).create(
                {
                    "target": "mark",
                    "operation": "change",
                    "mark_id": mark.id,
                    "new_value_id": four.id,
                    "reason": CORRECTION_MARK_REASON,
                }
            )
            correction.with_user(deputy).action_approve()
        attendance = self.env["ejournal.attendance"].search(
            [
                ("class_id", "=", school_class.id),
                ("lesson_id.teacher_user_id", "=", class_teacher.id),
                ("status", "=", "absent"),
                ("date", "<", today),
            ],
            order="date desc, id",
            limit=1,
        )
        if attendance:
            Correction.with_user(class_teacher).create(
                {
                    "target": "attendance",
                    "operation": "change",
                    "attendance_id": attendance.id,
                    "new_status": "late",
                    "reason": CORRECTION_ATTENDANCE_REASON,
                }
            )


class _Stream:
    """The progress of a class (or a subgroup) in a subject, lesson after lesson."""

    def __init__(self):
        self.index = -1
        self.topic = None
        self.paragraph = 0
        self.exercise = 0
        self.page = 2
        self.last_marked = {}

    def next_topic(self, items):
        """The plan line (or False) and the topic of the next lesson."""
        self.index += 1
        line, topic = items[self.index % len(items)]
        if self.index >= len(items):
            line, topic = False, f"Повторение. {topic}"
        if topic != self.topic:
            self.topic = topic
            self.paragraph += 1
        return line, topic


def _assessment(topic):
    """The key of the work type of a whole-class assessment named in a topic."""
    text = topic.lower()
    if text.startswith(NOT_ASSESSMENTS):
        return False
    for words, xmlid in ASSESSMENTS:
        if any(word in text for word in words):
            return xmlid.removeprefix("ejournal_work_type_")
    return False


def _file_number(student):
    return student.personal_file_number or student.name


def _lesson_seed(lesson):
    return (
        f"{lesson.class_id.name}|{lesson.date}|{lesson.lesson_number}|"
        f"{lesson.subject_id.name}|{lesson.subgroup_id.name or ''}"
    )


def _level(student):
    """A pupil's stable level: the mean of their marks (excellent … weak)."""
    share = random.Random(f"level|{student.personal_file_number}").random()
    return next(mean for limit, mean in LEVELS if share < limit)


def _talent(student, subject):
    """A pupil is a little better in some subjects than in others."""
    seed = f"talent|{student.personal_file_number}|{subject.name}"
    return random.Random(seed).uniform(-0.35, 0.35)
