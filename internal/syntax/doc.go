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
// features (word, cased form, affixes, shape, ambiguity classes,
// neighbouring words, previous tags) predicting joint XPOS+UPOS classes. The
// parser is a greedy arc-hybrid transition system with the root token at the
// end of the buffer, scored by an averaged perceptron over Zhang and Nivre
// (2011) style features (words, tags and labels of the stack and buffer
// tops and their outermost children, distance, valency, label sets) and
// trained with the dynamic oracle and error exploration of Goldberg and
// Nivre (2013) on jackknifed tags. Relations keep their subtypes
// ("nsubj:pass", "obl:agent", "obl:unmarked"). Lemmas come from exceptions
// learned from the treebank plus suffix rules checked against the
// treebank's lemmas.
//
// The model is trained on UD English-EWT (CC BY-SA 4.0) by
// "sitrep train syntax", which is deterministic, and embedded from
// model/syntax.bin.gz; the model is under the treebank's licence. Default
// loads it once per process.
//
// Every sentence gets exactly one tree: one root, heads inside the
// sentence, no cycles (the transition system only builds projective
// trees). Work is linear in the sentence length; sentences longer than
// Options.MaxTokens are parsed in chunks whose roots hang from the first
// chunk's root, with a "sentence-capped" diagnostic. A Model is read-only
// and safe for concurrent use; per-call scratch space comes from a pool.
package syntax
