// Package segment splits an article's clean text into sentences and tokens.
//
// It is the stage after extract: Segment reads Article.Text and
// Article.Paragraphs and fills Article.Sentences and Article.Tokens. Every
// sentence and token is a byte span into Article.Text; nothing is copied or
// rewritten, so later stages can show evidence as spans.
//
// Tokens follow the Universal Dependencies English (EWT) conventions:
// punctuation is separate, clitics are split ("do" "n't", "Iran" "'s"),
// hyphenated compounds are split around the hyphen ("US" "-" "led") except
// after bound prefixes ("e-mail", "co-workers"), and numbers, dotted
// abbreviations ("U.S.", "Mr."), URLs and e-mail addresses stay whole.
//
// Sentence boundaries are found with rules tuned for English news: a
// terminal mark (. ! ? …), optional closing quotes and brackets, white space
// and a plausible sentence start, with exceptions for abbreviations,
// initials, dotted acronyms and quotes followed by an attribution.
// Sentences never cross paragraph boundaries.
//
// The package has no state: Segment and Tokenize are safe for concurrent
// use, deterministic, linear in the input and never panic, whatever bytes
// they are given (invalid UTF-8 is kept inside tokens byte for byte).
package segment
