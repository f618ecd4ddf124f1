// Package model holds the neutral types that sitrep's stages hand to one
// another: an Article with its paragraphs, sentences and tokens, the byte
// spans that tie every derived fact back to the text, and the diagnostics a
// stage records when input is odd but processing can go on.
//
// The package has no behaviour beyond small accessors and imports nothing of
// sitrep's. Every stage may import it; it imports no stage. Values are plain
// data: a stage fills the fields it owns and never rewrites another stage's
// output (later stages add overlays keyed by index instead).
package model
