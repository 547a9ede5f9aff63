site-name = convene
site-tagline = Public gatherings, planned together
nav-organisations = Organisations
lang-label = Language
skip-to-content = Skip to content

home-title = Organisations on convene
home-intro = Each organisation publishes its gatherings here: rallies, conferences, screenings and street actions.
home-empty = No organisation has published anything yet.

org-upcoming = Upcoming gatherings
org-past = Past gatherings
org-none-upcoming = No gatherings are announced yet.
org-none-past = Nothing here yet.

gathering-when = When
gathering-where = Where
gathering-languages = Languages
gathering-programme = Programme
gathering-times-in = All times are local time in { $zone }.
gathering-time-range = { $start }–{ $end }
gathering-status-postponed = This gathering has been postponed. The times below are no longer valid.
gathering-status-cancelled = This gathering has been cancelled.
gathering-online-venue = Online
gathering-no-venue = Place to be announced
gathering-directions = How to get there
gathering-map = Map
your-time = In your time zone:
gathering-programme-empty = The programme will be announced.

kind-rally = Rally
kind-conference = Conference
kind-screening = Screening
kind-street_action = Street action
kind-vigil = Vigil
kind-press_conference = Press conference
kind-other = Gathering

status-draft = Draft
status-published = Published
status-postponed = Postponed
status-cancelled = Cancelled

segment-welcome = Welcome
segment-introduction = Introduction
segment-speech = Speech
segment-screening = Screening
segment-message_read_out = Messages read out
segment-statement_reading = Statement
segment-signing = Signing
segment-interpretation = Interpretation
segment-break = Break
segment-music = Music
segment-q_and_a = Questions and answers
segment-other = Programme item
segment-minutes = { $minutes } min

role-speaker = Speaker
role-host = Host
role-interpreter = Interpreter
role-reader = Reader
role-moderator = Moderator

mode-in_person = in person
mode-online = online
mode-recorded = recorded
mode-read_by_proxy = message read out by someone else
appearance-interpreted = interpreted into { $languages }
appearance-unlisted = a guest

film-directed-by = Directed by { $director }
film-runtime = { $minutes } min
film-audio = Audio: { $language }
film-subtitles = Subtitles: { $languages }

language-en = English
language-sq = Albanian
language-fa = Persian
language-sv = Swedish
language-other = { $code }

error-not-found-title = Page not found
error-not-found-body = There is no published page at this address. It may have been moved, or it is not public.
error-internal-title = Something went wrong
error-internal-body = The page could not be shown. Please try again in a moment.
error-back-home = Back to the start page

statement-heading = Statement
statement-signatures = { $count ->
    [one] Signed by one person.
   *[other] Signed by { $count } people.
}

calendar-heading = Add to your calendar
calendar-subscribe = Subscribe (stays up to date)
calendar-download = Download .ics
calendar-google = Google Calendar
calendar-outlook = Outlook
calendar-segments = Subscribe to each part of the programme
calendar-subscribe-all = Subscribe to all gatherings
calendar-feed-address = Calendar feed address

error-sign-in-title = Please sign in
error-sign-in-body = This page is for the members of an organisation.
error-forbidden-title = Not allowed
error-forbidden-body = Your role in this organisation does not allow this.

sign-in-title = Sign in
sign-in-email = E-mail address
sign-in-password = Password
sign-in-submit = Sign in
sign-in-invalid = The e-mail address or the password is not right.
sign-in-too-many = Too many failed attempts. Wait 15 minutes, then try again.
sign-in-forbidden-origin = This form was sent from another site and was refused.
sign-out = Sign out
nav-workspace = Workspace
nav-organisers = Organisers: sign in
workspace-title = Workspace
workspace-signed-in-as = Signed in as { $name }
workspace-role = Your role: { $role }
workspace-none = You are not a member of any organisation yet. Ask an owner to invite you.
workspace-gatherings = Gatherings
workspace-run-sheet = Run-sheet
role-name-owner = owner
role-name-organiser = organiser
role-name-host = host
role-name-viewer = viewer

runsheet-title = Run-sheet
runsheet-time = Time
runsheet-segment = Segment
runsheet-who = Who and how
runsheet-cues = Cues and notes
runsheet-host = Host: { $names }
runsheet-venue-access = Access
runsheet-notes = Notes
runsheet-hard-start = fixed start
runsheet-internal = not public
runsheet-film = Film
runsheet-link = Call link
runsheet-how-in_person = IN PERSON
runsheet-how-online = ONLINE
runsheet-how-online-from = ONLINE from { $zone }, { $time } there
runsheet-how-recorded = RECORDED
runsheet-how-read_by_proxy = MESSAGE READ OUT
runsheet-how-read-by = MESSAGE READ BY { $names }
runsheet-interpreting = { $from } → { $into }
runsheet-statement = Statement to be read
runsheet-signing = Signing: hand out the sheets and pens, collect every sheet, count the signatures.
runsheet-contacts = Day-of contacts
runsheet-overrun = The programme runs { $minutes } min past the planned end.

plan-new-title = New gathering
plan-new-link = Plan a new gathering
plan-title = Title
plan-slug = Web address
plan-slug-hint = Lower-case letters, digits and hyphens; left empty, it is made from the title.
plan-kind = Kind
plan-venue = Venue
plan-no-venue = No venue yet (give a time zone)
plan-time-zone = Time zone, without a venue
plan-time-zone-hint = An IANA name such as Europe/Tirane or Asia/Tehran.
plan-date = Date
plan-starts = Starts
plan-ends = Ends
plan-languages = Languages
plan-languages-hint = Language codes separated by commas, e.g. sq, fa, en.
plan-expected = Expected attendance
plan-description = Public description
plan-internal-notes = Internal notes (never public)
plan-create = Create the gathering
plan-agenda-title = Agenda
plan-agenda-link = Edit the agenda
plan-agenda-empty = No segments yet. Add the first one below; times follow from the start of the gathering.
plan-add-segment = Add a segment
plan-segment-kind = Kind of segment
plan-duration = Duration
plan-duration-hint = Minutes (25) or hours and minutes (1:30); empty for a film's running time.
plan-hard-start = Fixed start
plan-hard-start-hint = Only if it must start at a set time, e.g. 12:00.
plan-film = Film
plan-no-film = No film
plan-public = Show on public pages
plan-cues = Cues for the crew (never public)
plan-add = Add the segment
plan-move-up = Move up
plan-move-down = Move down
plan-delete = Remove
warning-gap = { $minutes } min with nothing planned before this fixed start.
warning-overlap = Starts { $minutes } min before the previous segment ends.
warning-no-duration = No duration and no film running time: counted as 0 min.
warning-before-start = Fixed start { $minutes } min before the gathering begins.
warning-overrun = The programme runs { $minutes } min past the planned end.
plan-ends-next-day = Ends after midnight (the next day)
plan-translations = Translations
plan-translations-intro = The main texts are in { $language }. Fill in other languages here; a field left empty shows the { $language } text.
plan-statement-points = Points, one per line
plan-save-translations = Save the translations
