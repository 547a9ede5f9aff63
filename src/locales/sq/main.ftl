site-name = convene
site-tagline = Tubime publike, të planifikuara së bashku
nav-organisations = Organizatat
lang-label = Gjuha
skip-to-content = Kalo te përmbajtja

home-title = Organizatat në convene
home-intro = Çdo organizatë publikon këtu tubimet e saj: protesta, konferenca, shfaqje filmash dhe aksione në rrugë.
home-empty = Asnjë organizatë nuk ka publikuar ende diçka.

org-upcoming = Tubimet e ardhshme
org-past = Tubimet e kaluara
org-none-upcoming = Ende nuk është njoftuar asnjë tubim.
org-none-past = Ende asgjë këtu.

gathering-when = Kur
gathering-where = Ku
gathering-languages = Gjuhët
gathering-programme = Programi
gathering-times-in = Të gjitha oraret janë sipas orës lokale në { $zone }.
gathering-time-range = { $start }–{ $end }
gathering-status-postponed = Ky tubim është shtyrë. Oraret më poshtë nuk janë më të vlefshme.
gathering-status-cancelled = Ky tubim është anuluar.
gathering-online-venue = Në internet
gathering-no-venue = Vendi do të njoftohet
gathering-directions = Si të vini
gathering-map = Harta
your-time = Në zonën tuaj kohore:
gathering-programme-empty = Programi do të njoftohet.

kind-rally = Protestë
kind-conference = Konferencë
kind-screening = Shfaqje filmi
kind-street_action = Aksion në rrugë
kind-vigil = Vigjilje
kind-press_conference = Konferencë për shtyp
kind-other = Tubim

status-draft = Draft
status-published = Publikuar
status-postponed = Shtyrë
status-cancelled = Anuluar

segment-welcome = Mirëseardhje
segment-introduction = Prezantim
segment-speech = Fjalim
segment-screening = Shfaqje filmi
segment-message_read_out = Mesazhe të lexuara
segment-statement_reading = Deklarata
segment-signing = Nënshkrimi
segment-interpretation = Përkthim
segment-break = Pushim
segment-music = Muzikë
segment-q_and_a = Pyetje dhe përgjigje
segment-other = Pikë e programit
segment-minutes = { $minutes } min

role-speaker = Folës
role-host = Drejtues
role-interpreter = Përkthyes
role-reader = Lexues
role-moderator = Moderator

mode-in_person = i pranishëm
mode-online = në internet
mode-recorded = i regjistruar
mode-read_by_proxy = mesazh i lexuar nga dikush tjetër
appearance-interpreted = përkthyer në { $languages }
appearance-unlisted = një i ftuar

film-directed-by = Regjia: { $director }
film-runtime = { $minutes } min
film-audio = Audio: { $language }
film-subtitles = Titra: { $languages }

language-en = Anglisht
language-sq = Shqip
language-fa = Persisht
language-sv = Suedisht
language-other = { $code }

error-not-found-title = Faqja nuk u gjet
error-not-found-body = Nuk ka faqe të publikuar në këtë adresë. Mund të jetë zhvendosur ose nuk është publike.
error-internal-title = Diçka shkoi keq
error-internal-body = Faqja nuk mund të shfaqej. Ju lutemi provoni përsëri pas pak.
error-back-home = Kthehu në faqen kryesore

statement-heading = Deklarata
statement-signatures = { $count ->
    [one] Nënshkruar nga një person.
   *[other] Nënshkruar nga { $count } persona.
}

calendar-heading = Shtoje në kalendarin tënd
calendar-subscribe = Abonohu (përditësohet vetë)
calendar-download = Shkarko .ics
calendar-google = Google Calendar
calendar-outlook = Outlook
calendar-segments = Abonohu në çdo pjesë të programit
calendar-subscribe-all = Abonohu në të gjitha tubimet
calendar-feed-address = Adresa e kalendarit

error-sign-in-title = Ju lutemi hyni
error-sign-in-body = Kjo faqe është për anëtarët e një organizate.
error-forbidden-title = Nuk lejohet
error-forbidden-body = Roli juaj në këtë organizatë nuk e lejon këtë.

sign-in-title = Hyni
sign-in-email = Adresa e e-mailit
sign-in-password = Fjalëkalimi
sign-in-submit = Hyni
sign-in-invalid = Adresa e e-mailit ose fjalëkalimi nuk është i saktë.
sign-in-too-many = Shumë përpjekje të dështuara. Prisni 15 minuta dhe provoni përsëri.
sign-in-forbidden-origin = Ky formular u dërgua nga një faqe tjetër dhe u refuzua.
sign-out = Dilni
nav-workspace = Hapësira e punës
nav-organisers = Organizatorët: hyni
workspace-title = Hapësira e punës
workspace-signed-in-as = Keni hyrë si { $name }
workspace-role = Roli juaj: { $role }
workspace-none = Ende nuk jeni anëtar i asnjë organizate. Kërkojini një pronari t'ju ftojë.
workspace-gatherings = Tubimet
workspace-run-sheet = Fleta e programit
role-name-owner = pronar
role-name-organiser = organizator
role-name-host = drejtues
role-name-viewer = lexues

runsheet-title = Fleta e programit
runsheet-time = Ora
runsheet-segment = Pjesa
runsheet-who = Kush dhe si
runsheet-cues = Sinjale dhe shënime
runsheet-host = Drejtuesi: { $names }
runsheet-venue-access = Hyrja
runsheet-notes = Shënime
runsheet-hard-start = orë e fiksuar
runsheet-internal = jo publike
runsheet-film = Filmi
runsheet-link = Lidhja e thirrjes
runsheet-how-in_person = I PRANISHËM
runsheet-how-online = ONLINE
runsheet-how-online-from = ONLINE nga { $zone }, ora { $time } atje
runsheet-how-recorded = I REGJISTRUAR
runsheet-how-read_by_proxy = MESAZH I LEXUAR
runsheet-how-read-by = MESAZH I LEXUAR NGA { $names }
runsheet-interpreting = { $from } → { $into }
runsheet-statement = Deklarata që do të lexohet
runsheet-signing = Nënshkrimi: shpërndani fletët dhe stilolapsat, mblidhni çdo fletë, numëroni nënshkrimet.
runsheet-contacts = Kontaktet e ditës
runsheet-overrun = Programi zgjat { $minutes } min përtej mbarimit të planifikuar.

plan-new-title = Tubim i ri
plan-new-link = Planifiko një tubim të ri
plan-title = Titulli
plan-slug = Adresa në internet
plan-slug-hint = Shkronja të vogla, shifra dhe viza; bosh, krijohet nga titulli.
plan-kind = Lloji
plan-venue = Vendi
plan-no-venue = Ende pa vend (jepni një zonë kohore)
plan-time-zone = Zona kohore, pa vend
plan-time-zone-hint = Një emër IANA si Europe/Tirane ose Asia/Tehran.
plan-date = Data
plan-starts = Fillon
plan-ends = Mbaron
plan-languages = Gjuhët
plan-languages-hint = Kodet e gjuhëve të ndara me presje, p.sh. sq, fa, en.
plan-expected = Pjesëmarrja e pritur
plan-description = Përshkrimi publik
plan-internal-notes = Shënime të brendshme (kurrë publike)
plan-create = Krijo tubimin
plan-agenda-title = Programi
plan-agenda-link = Ndrysho programin
plan-agenda-empty = Ende asnjë pjesë. Shtoni të parën më poshtë; oraret rrjedhin nga fillimi i tubimit.
plan-add-segment = Shto një pjesë
plan-segment-kind = Lloji i pjesës
plan-duration = Kohëzgjatja
plan-duration-hint = Minuta (25) ose orë dhe minuta (1:30); bosh për kohëzgjatjen e filmit.
plan-hard-start = Fillim i fiksuar
plan-hard-start-hint = Vetëm nëse duhet të fillojë në një orë të caktuar, p.sh. 12:00.
plan-film = Filmi
plan-no-film = Pa film
plan-public = Shfaqe në faqet publike
plan-cues = Sinjale për ekipin (kurrë publike)
plan-add = Shto pjesën
plan-move-up = Lart
plan-move-down = Poshtë
plan-delete = Hiq
warning-gap = { $minutes } min pa asgjë të planifikuar para këtij fillimi të fiksuar.
warning-overlap = Fillon { $minutes } min para se të mbarojë pjesa e mëparshme.
warning-no-duration = Pa kohëzgjatje dhe pa kohë filmi: llogaritet 0 min.
warning-before-start = Fillim i fiksuar { $minutes } min para se të fillojë tubimi.
warning-overrun = Programi zgjat { $minutes } min përtej mbarimit të planifikuar.
plan-ends-next-day = Mbaron pas mesnatës (të nesërmen)
plan-translations = Përkthimet
plan-translations-intro = Tekstet kryesore janë në { $language }. Plotësoni gjuhët e tjera këtu; një fushë bosh shfaq tekstin në { $language }.
plan-statement-points = Pikat, një për rresht
plan-save-translations = Ruaj përkthimet
