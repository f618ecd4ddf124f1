// Package extract turns one raw input document (plain text as crawlers save
// it, or an HTML page) into an article: clean main text split into
// paragraphs, and the metadata a reader needs (title, author, dateline,
// outlet, publication date candidates, language).
//
// Plain text goes through a line-level cleaner written for news pages saved
// as text: it removes page furniture (site names, navigation, bylines, view
// counters, share and vote widgets, related-post lists, source URL lists,
// comment notices, newsletter blurbs) while keeping every prose paragraph,
// and it lifts titles, bylines, datelines and in-text date stamps into
// metadata. HTML goes through package webpage (go-trafilatura and
// go-htmldate) and the same dateline and byline logic.
//
// Extract is a pure function of its inputs: it keeps no state between calls
// and is safe for concurrent use. Outside metadata (a manifest line or JSONL
// fields) overrides what is found in the page; every date found is kept as a
// candidate with its source so that disagreements stay visible.
package extract
