package syntax

import (
	"maps"
	"strings"
	"testing"
)

// TestLearnClusters checks that words used in the same contexts end up
// in the same class, that rare words get none, and that learning is
// reproducible.
func TestLearnClusters(t *testing.T) {
	var sents [][]string
	dets := []string{"the", "a", "this", "every"}
	nouns := []string{"minister", "rebel", "soldier", "court", "envoy"}
	verbs := []string{"spoke", "left", "waited", "resigned"}
	for i := range 200 {
		s := dets[i%len(dets)] + " " + nouns[(i/3)%len(nouns)] + " " + verbs[(i/7)%len(verbs)] + " ."
		sents = append(sents, strings.Fields(s))
	}
	sents = append(sents, []string{"the", "hapax", "spoke", "."})
	opts := ClusterOptions{Classes: 4, MinCount: 2, Passes: 20}
	cl := LearnClusters(sents, opts)
	if _, ok := cl["hapax"]; ok {
		t.Errorf("a word seen once got a class")
	}
	for _, group := range [][]string{dets, nouns, verbs} {
		for _, w := range group[1:] {
			if cl[w] != cl[group[0]] {
				t.Errorf("%s in class %d, %s in class %d", w, cl[w], group[0], cl[group[0]])
			}
		}
	}
	if cl["the"] == cl["minister"] || cl["minister"] == cl["spoke"] || cl["the"] == cl["spoke"] {
		t.Errorf("determiners, nouns and verbs share classes: %v", cl)
	}
	for w, c := range cl {
		if c < 1 || int(c) > opts.Classes {
			t.Errorf("%s: class %d out of range", w, c)
		}
	}
	if again := LearnClusters(sents, opts); !maps.Equal(cl, again) {
		t.Errorf("two runs differ")
	}
}
