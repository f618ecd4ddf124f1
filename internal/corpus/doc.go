// Package corpus reads the labelled and unlabelled news collections under
// ../shared/data as raw documents, for benchmarks and scale tests: plain
// text articles (PolNeAR's text/ folders) and ECB+'s token XML, joined back
// into text.
//
// It exists so that every measurement runs on real news rather than on
// generated text; no corpus text is copied into the repository.
package corpus
