// Package quotes finds who said what: direct, partial and indirect
// quotations in an article and the speaker each belongs to.
//
// It is the stage after segment (and, when they ran, syntax and actors):
// Extract reads Article.Text, Paragraphs, Sentences and Tokens, and, when
// present, Token.Syntax and Article.Mentions. It never changes the article;
// Annotate stores the result in Article.Quotes.
//
// Direct quotes are found from quotation marks: straight and curly double
// marks, curly single marks used at top level (British style), quotes
// running over several paragraphs (an unclosed mark continues in the next
// paragraph, which opens with a mark again) and quotes inside quotes (the
// inner marks stay part of the outer quote). A marked span of one or two
// words is a scare quote and is skipped; a marked span embedded in running
// text is a partial quote. Indirect quotes are found from reporting cues
// ("said", "told reporters", "warned", "according to", ...) and the clause
// they govern.
//
// Speakers are found next to the cue, before it ("Kerry told reporters",
// "he said") or after it ("said Khamenei", "added the minister"), or
// carried over: a second quote in a paragraph keeps the paragraph's
// speaker, and a paragraph that opens with a quote and names nobody
// continues the previous paragraph's speaker. Names are resolved to the
// fullest form the article used first ("Kerry" -> "John Kerry"), pronouns
// and definite descriptions ("he", "the minister", "Iran's leader") to the
// nearest person named before, "it" to the nearest non-person source, and
// indefinite descriptions ("a French diplomat", "a source") become
// anonymous speakers. When the actor stage filled Article.Mentions, a
// mention covering the speaker supplies the actor code, sector and
// canonical person name. Relays ("in quotes carried on state news agency
// IRNA") set Speaker.Channel and leave the speaker unchanged.
//
// The package also scores extraction on the PolNeAR attribution corpus
// (EvalPolNeAR): content F1 by word-token overlap for direct quotes and for
// all attributions, and source accuracy.
//
// Extract is deterministic, safe for concurrent use on different articles,
// and never panics, whatever text it is given.
package quotes
