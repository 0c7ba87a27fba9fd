/** Hand-written word lists (Trove's own): words that precede names, and words that make organisations. */

export const ENGLISH_TITLES = `ambassador amb. colonel col. minister general gen. sheikh shaykh president secretary senator sen.
representative rep. mr. mr mrs. mrs ms. ms dr. dr prof. professor governor gov. mayor king queen prince princess judge justice
chairman chairwoman chair director commander cmdr. captain capt. lieutenant lt. sergeant sgt. major maj. admiral adm. brigadier
ayatollah imam mullah cleric pope bishop archbishop rev. reverend father sister brother sir lord lady dame spokesman
spokeswoman spokesperson chief deputy envoy consul attache hajji haji hajj mister miss madam sultan emir amir crown
chancellor premier vice mp congressman congresswoman councillor councilor commissioner inspector detective officer agent
coach manager ceo founder leader sheik mufti sayyid seyed seyyed sayed ustad mawlawi mullah mulla lt.col. maj.gen. brig.
gen general-secretary undersecretary under-secretary speaker attorney lawyer prosecutor dean emperor empress duke duchess
earl baron count countess saint st. pastor rabbi cardinal dalai marshal field-marshal corporal cpl. private pvt. col
colonel-general mrs madame monsieur herr señor senor don`;

export const PERSIAN_TITLES = `سردار سرتیپ سرلشکر سرهنگ سرگرد سروان ستوان سرتیپ‌دوم سپهبد ارتشبد دریادار امیر حاج حاجی حاجیه آقای آقا خانم دکتر
مهندس آیت‌الله آیت‌اله حجت‌الاسلام حجت‌الاسلام‌والمسلمین شیخ سید سیده استاد وزیر رئیس رییس سفیر ژنرال امام جناب مرحوم
شهید نماینده سخنگوی سخنگو مدیرعامل فرمانده رهبر رئیس‌جمهور رئیس‌جمهوری ملکه شاه پادشاه شاهزاده ملا مولوی قاضی دادستان
سرمربی مربی کاپیتان بازیکن خبرنگار نویسنده شاعر هنرمند بازیگر کارگردان خواننده معاون دبیرکل دبیر سرکار استاندار فرماندار
شهردار امیرالمومنین حضرت علامه`;

export const ENGLISH_ORG_WORDS = `ministry university council party committee agency bank corporation corp. inc. inc ltd. ltd company co. army forces
guard guards front brigade brigades militia movement organisation organization association institute department office
court parliament government commission union league group foundation news times post airlines airways authority bureau
school college academy hospital church club fc united federation society service services police navy command regiment
battalion division corps network press television radio tv channel daily herald tribune journal institution board agency
assembly senate congress cabinet directorate secretariat alliance coalition consortium trust fund partners holdings
industries systems technologies group`;

export const PERSIAN_ORG_WORDS = `وزارت سازمان دانشگاه حزب شرکت بانک سپاه ارتش مجلس دولت شورای شورا باشگاه تیم خبرگزاری روزنامه کمیته بنیاد نیروی
دادگاه قوه ستاد اداره انجمن موسسه مؤسسه پژوهشگاه هیئت هیات جبهه جنبش گروه اتحادیه فدراسیون صداوسیما شبکه رادیو تلویزیون
قرارگاه لشکر تیپ گردان پلیس ناجا اطلاعات بسیج دانشکده مدرسه بیمارستان کانون خانه`;

export function wordList(text: string): string[] {
  return text.split(/\s+/u).filter((w) => w !== '');
}
