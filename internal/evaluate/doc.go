// Package evaluate scores sitrep's stages against labelled public data sets.
//
// Each scorer takes the data set's directory and the function under test, so
// that the quality floors asserted in tests measure the real code on real
// pages. Scorers read only the data set; they never change it.
//
// Boilerplate implements the metric of the Zyte (Scrapinghub)
// article-extraction-benchmark: word 4-gram shingles compared as multisets,
// with precision and recall averaged over pages.
package evaluate
