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
