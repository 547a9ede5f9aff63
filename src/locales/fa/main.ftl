site-name = convene
site-tagline = گردهمایی‌های عمومی، با برنامه‌ریزی مشترک
nav-organisations = سازمان‌ها
lang-label = زبان
skip-to-content = رفتن به محتوا

home-title = سازمان‌ها در convene
home-intro = هر سازمان گردهمایی‌های خود را اینجا منتشر می‌کند: تظاهرات، کنفرانس، نمایش فیلم و حرکت‌های خیابانی.
home-empty = هنوز هیچ سازمانی چیزی منتشر نکرده است.

org-upcoming = گردهمایی‌های پیش رو
org-past = گردهمایی‌های گذشته
org-none-upcoming = هنوز گردهمایی‌ای اعلام نشده است.
org-none-past = هنوز چیزی اینجا نیست.

gathering-when = زمان
gathering-where = مکان
gathering-languages = زبان‌ها
gathering-programme = برنامه
gathering-times-in = همهٔ زمان‌ها به وقت محلی { $zone } است.
gathering-time-range = { $start }–{ $end }
gathering-status-postponed = این گردهمایی به تعویق افتاده است. زمان‌های زیر دیگر معتبر نیستند.
gathering-status-cancelled = این گردهمایی لغو شده است.
gathering-online-venue = آنلاین
gathering-no-venue = مکان اعلام خواهد شد
gathering-directions = راه رسیدن
gathering-map = نقشه
your-time = به وقت شما:
gathering-programme-empty = برنامه اعلام خواهد شد.

kind-rally = تظاهرات
kind-conference = کنفرانس
kind-screening = نمایش فیلم
kind-street_action = حرکت خیابانی
kind-vigil = تجمع شبانه
kind-press_conference = کنفرانس خبری
kind-other = گردهمایی

status-draft = پیش‌نویس
status-published = منتشرشده
status-postponed = به تعویق افتاده
status-cancelled = لغوشده

segment-welcome = خوشامد
segment-introduction = معرفی
segment-speech = سخنرانی
segment-screening = نمایش فیلم
segment-message_read_out = پیام‌های خوانده‌شده
segment-statement_reading = بیانیه
segment-signing = امضا
segment-interpretation = ترجمهٔ همزمان
segment-break = استراحت
segment-music = موسیقی
segment-q_and_a = پرسش و پاسخ
segment-other = بخش برنامه
segment-minutes = { $minutes } دقیقه

role-speaker = سخنران
role-host = مجری
role-interpreter = مترجم
role-reader = خواننده
role-moderator = گرداننده

mode-in_person = حضوری
mode-online = آنلاین
mode-recorded = ضبط‌شده
mode-read_by_proxy = پیامی که دیگری می‌خواند
appearance-interpreted = با ترجمه به { $languages }
appearance-unlisted = یک مهمان

film-directed-by = کارگردان: { $director }
film-runtime = { $minutes } دقیقه
film-audio = زبان فیلم: { $language }
film-subtitles = زیرنویس: { $languages }

language-en = انگلیسی
language-sq = آلبانیایی
language-fa = فارسی
language-sv = سوئدی
language-other = { $code }

error-not-found-title = صفحه پیدا نشد
error-not-found-body = در این نشانی صفحهٔ منتشرشده‌ای وجود ندارد. ممکن است جابه‌جا شده باشد یا عمومی نباشد.
error-internal-title = مشکلی پیش آمد
error-internal-body = نمایش صفحه ممکن نشد. لطفاً کمی بعد دوباره تلاش کنید.
error-back-home = بازگشت به صفحهٔ اصلی

statement-heading = بیانیه
statement-signatures = { $count ->
    [one] امضا شده توسط یک نفر.
   *[other] امضا شده توسط { $count } نفر.
}

calendar-heading = افزودن به تقویم شما
calendar-subscribe = اشتراک (به‌روز می‌ماند)
calendar-download = دریافت فایل .ics
calendar-google = تقویم گوگل
calendar-outlook = Outlook
calendar-segments = اشتراک در هر بخش برنامه
calendar-subscribe-all = اشتراک در همهٔ گردهمایی‌ها
calendar-feed-address = نشانی خوراک تقویم

error-sign-in-title = لطفاً وارد شوید
error-sign-in-body = این صفحه برای اعضای یک سازمان است.
error-forbidden-title = مجاز نیست
error-forbidden-body = نقش شما در این سازمان اجازهٔ این کار را نمی‌دهد.

sign-in-title = ورود
sign-in-email = نشانی ایمیل
sign-in-password = گذرواژه
sign-in-submit = ورود
sign-in-invalid = نشانی ایمیل یا گذرواژه درست نیست.
sign-in-too-many = تلاش‌های ناموفق بسیار زیاد بود. ۱۵ دقیقه صبر کنید و دوباره امتحان کنید.
sign-in-forbidden-origin = این فرم از سایت دیگری فرستاده شده بود و پذیرفته نشد.
sign-out = خروج
nav-workspace = میز کار
nav-organisers = برگزارکنندگان: ورود
workspace-title = میز کار
workspace-signed-in-as = واردشده با نام { $name }
workspace-role = نقش شما: { $role }
workspace-none = هنوز عضو هیچ سازمانی نیستید. از یک مالک بخواهید شما را دعوت کند.
workspace-gatherings = گردهمایی‌ها
workspace-run-sheet = برگهٔ اجرای برنامه
role-name-owner = مالک
role-name-organiser = برگزارکننده
role-name-host = مجری
role-name-viewer = بیننده

runsheet-title = برگهٔ اجرای برنامه
runsheet-time = زمان
runsheet-segment = بخش
runsheet-who = چه کسی و چگونه
runsheet-cues = نشانه‌ها و یادداشت‌ها
runsheet-host = مجری: { $names }
runsheet-venue-access = دسترسی
runsheet-notes = یادداشت‌ها
runsheet-hard-start = زمان ثابت
runsheet-internal = غیرعمومی
runsheet-film = فیلم
runsheet-link = پیوند تماس
runsheet-how-in_person = حضوری
runsheet-how-online = آنلاین
runsheet-how-online-from = آنلاین از { $zone }، ساعت { $time } آنجا
runsheet-how-recorded = ضبط‌شده
runsheet-how-read_by_proxy = پیام خوانده‌شده
runsheet-how-read-by = پیام خوانده‌شده توسط { $names }
runsheet-interpreting = { $from } ← { $into }
runsheet-statement = بیانیه‌ای که خوانده می‌شود
runsheet-signing = امضا: برگه‌ها و خودکارها را پخش کنید، همهٔ برگه‌ها را جمع کنید و امضاها را بشمارید.
runsheet-contacts = تماس‌های روز برنامه
runsheet-overrun = برنامه { $minutes } دقیقه از پایان پیش‌بینی‌شده فراتر می‌رود.

plan-new-title = گردهمایی تازه
plan-new-link = برنامه‌ریزی گردهمایی تازه
plan-title = عنوان
plan-slug = نشانی وب
plan-slug-hint = حروف کوچک لاتین، رقم و خط تیره؛ اگر خالی بماند از عنوان ساخته می‌شود.
plan-kind = نوع
plan-venue = مکان
plan-no-venue = هنوز مکانی نیست (منطقهٔ زمانی را بدهید)
plan-time-zone = منطقهٔ زمانی، بدون مکان
plan-time-zone-hint = نامی از فهرست IANA مانند Europe/Tirane یا Asia/Tehran.
plan-date = تاریخ
plan-starts = شروع
plan-ends = پایان
plan-languages = زبان‌ها
plan-languages-hint = کد زبان‌ها با ویرگول، مثلاً sq, fa, en.
plan-expected = شمار پیش‌بینی‌شدهٔ شرکت‌کنندگان
plan-description = توضیح عمومی
plan-internal-notes = یادداشت‌های داخلی (هرگز عمومی نمی‌شود)
plan-create = ساختن گردهمایی
plan-agenda-title = برنامه
plan-agenda-link = ویرایش برنامه
plan-agenda-empty = هنوز بخشی نیست. نخستین بخش را در پایین بیفزایید؛ زمان‌ها از آغاز گردهمایی محاسبه می‌شوند.
plan-add-segment = افزودن بخش
plan-segment-kind = نوع بخش
plan-duration = مدت
plan-duration-hint = دقیقه (۲۵) یا ساعت و دقیقه (۱:۳۰)؛ برای مدت فیلم خالی بگذارید.
plan-hard-start = شروع ثابت
plan-hard-start-hint = فقط اگر باید در ساعت معینی آغاز شود، مثلاً ۱۲:۰۰.
plan-film = فیلم
plan-no-film = بدون فیلم
plan-public = نمایش در صفحه‌های عمومی
plan-cues = نشانه‌ها برای گروه اجرا (هرگز عمومی نمی‌شود)
plan-add = افزودن بخش
plan-move-up = بالا
plan-move-down = پایین
plan-delete = حذف
warning-gap = { $minutes } دقیقه بدون برنامه پیش از این شروع ثابت.
warning-overlap = { $minutes } دقیقه پیش از پایان بخش قبلی آغاز می‌شود.
warning-no-duration = بدون مدت و بدون مدت فیلم: صفر دقیقه حساب می‌شود.
warning-before-start = شروع ثابت { $minutes } دقیقه پیش از آغاز گردهمایی.
warning-overrun = برنامه { $minutes } دقیقه از پایان پیش‌بینی‌شده فراتر می‌رود.
plan-ends-next-day = پس از نیمه‌شب (روز بعد) پایان می‌یابد
plan-translations = ترجمه‌ها
plan-translations-intro = متن‌های اصلی به { $language } هستند. زبان‌های دیگر را اینجا پر کنید؛ خانهٔ خالی متن { $language } را نشان می‌دهد.
plan-statement-points = بندها، هر بند در یک سطر
plan-save-translations = ذخیرهٔ ترجمه‌ها
