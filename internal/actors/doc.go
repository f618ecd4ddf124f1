// Package actors recognises and resolves the actors an article talks about:
// states, international organisations, armed groups, state bodies and
// people, with a CAMEO/PLOVER-style actor code and sector.
//
// It is the stage after segment (and after syntax, when that has run):
// (*Resolver).Annotate reads Article.Text, Sentences and Tokens and fills
// Article.Mentions. Each mention is a byte span into Article.Text with the
// entity type (PER, ORG, LOC), the actor code ("IRN", "UN", "ISIS"), the
// sector ("GOV", "MIL", "REB"...), the canonical person name when known, a
// coreference chain number and how it was resolved (Mention.Via).
//
// The knowledge base is written by the project and embedded in the binary
// (kb/*.tsv): states and territories with names, demonyms, capitals and
// cities; named state bodies and seats of government ("the Kremlin",
// "Downing Street", "the Pentagon"); international organisations; armed
// groups with their aliases; role and title words mapped to sectors; and
// people with dated terms of office (kb/people.tsv), so that a name codes
// as a government actor only while its bearer held the office. Default
// loads it once.
//
// Resolution runs per sentence over token n-grams with hash lookups (no
// regular expression per entry): longest gazetteer match with case rules
// for ambiguous short forms, title and apposition patterns that give a
// person a country and sector ("Iranian foreign ministry spokesman X",
// "X, a White House spokesman"), name recognition for capitalised names
// outside the base, and within-article coreference (surnames, titles,
// descriptions such as "the Iranian leader" or "the jihadist group", and
// subject pronouns) to the nearest compatible earlier actor.
//
// PETRARCH/Phoenix actor and agent dictionaries can be loaded with
// LoadPhoenix and added to a Resolver; their date-bounded codes are
// honoured like the base's terms.
//
// A Resolver is immutable after construction and safe for concurrent use;
// Annotate never panics, whatever the article holds.
package actors
