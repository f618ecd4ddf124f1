// Package syntax tags, lemmatises and parses English sentences: Penn
// (XPOS) and Universal (UPOS) parts of speech, lemmas, and labelled
// Universal Dependencies trees, from which later stages read who did what
// to whom (nsubj, obj, nsubj:pass and obl:agent, ccomp, conj, advmod "not").
//
// It is the stage after segment: Model.Annotate reads an article's
// sentences and tokens and fills Token.Syntax, with heads as indices into
// Article.Tokens (-1 for a sentence root). Model.Parse is the lower-level
// entry point on a list of words (used for evaluation on gold tokens).
//
// The tagger is a greedy left-to-right averaged perceptron over hashed
// features (word, cased form, affixes, shape, ambiguity classes, word
// classes, neighbouring words, previous tags) predicting joint XPOS+UPOS
// classes. Word classes are learnt from raw text by LearnClusters (an
// exchange algorithm over class bigrams) and stored in the model. The
// parser is a greedy arc-hybrid transition system with the root token at
// the end of the buffer, scored by an averaged perceptron over Zhang and
// Nivre (2011) style features (words, tags and labels of the stack and
// buffer tops and their outermost children, distance, valency, label
// sets, word classes) and trained with the dynamic oracle and error
// exploration of Goldberg and Nivre (2013) on jackknifed tags. The
// shipped tagger and parser are each the mean of several runs with
// different seeds: averaging linear models averages their scores, an
// ensemble that costs nothing at parse time beyond the union of their
// features. After
// parsing, punctuation is re-attached by UD's projective rules (punct.go).
// Relations keep their subtypes ("nsubj:pass", "obl:agent",
// "obl:unmarked"). Lemmas come from exceptions learned from the treebank
// plus suffix rules checked against the treebank's lemmas.
//
// The model is trained on UD English-EWT (CC BY-SA 4.0) and GUM news and
// interviews (CC BY 4.0), with word classes from their text and ECB+'s
// (CC BY 3.0), by "sitrep train syntax", which is deterministic, and
// embedded from model/syntax.bin.gz; the model is under EWT's licence.
// Default loads it once per process. Scoring is memory-bound: the parser
// is pruned to a budget of weights, the frequent features are laid out
// together and keep their home slots in the index, short weight lists
// are read as one-byte codes, and the long ones are dense rows added with
// AVX2 on amd64 (rows_amd64.s; the same sums in Go elsewhere).
//
// Every sentence gets exactly one tree: one root, heads inside the
// sentence, no cycles (the transition system only builds projective
// trees). Work is linear in the sentence length; sentences longer than
// Options.MaxTokens are parsed in chunks whose roots hang from the first
// chunk's root, with a "sentence-capped" diagnostic. A Model is read-only
// and safe for concurrent use; per-call scratch space comes from a pool.
package syntax
