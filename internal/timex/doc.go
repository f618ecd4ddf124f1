// Package timex finds time expressions in news text and places them on the
// calendar.
//
// Time expressions are recognised by ordered regular-expression rules (in
// the manner of HeidelTime) and normalised to TIMEX3 values relative to an
// anchor date, the article's publication date. The news rules are ours: a
// bare weekday in past-tense reporting is the most recent such day
// (including the anchor day itself), in future-tense reporting the next
// one; "last week" is the ISO week before the anchor's; "a year earlier"
// beside a fiscal quarter is that quarter a year before; and so on.
//
// Call order: extract → segment → (syntax, optional) → Annotate. Annotate
// fills Article.Timexes; EventDate then dates an event or quote by the time
// expression governing its clause, else by the publication date, never
// from a caption or a republication stamp. Tag is the lower-level entry
// point that works on plain text and an anchor (it is what the TimeML
// evaluation in timeml.go calls). All functions are safe for concurrent
// use: the rules are compiled once and never modified.
package timex
