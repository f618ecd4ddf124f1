package syntax

import (
	"math"
	"sort"
)

// Word classes learnt from unlabelled text with the exchange algorithm
// (Kneser and Ney 1993; Martin, Liermann and Ney 1998): each frequent
// word is put in one of k classes so as to maximise the likelihood of a
// class bigram model, and moved, word by word, to whichever class raises
// it most until no move helps. Words in the same class occur in similar
// contexts, which lets the tagger and parser generalise from a word seen
// in training to a rarer one seen only in raw text (Koo, Carreras and
// Collins 2008 use Brown clusters the same way). Everything is integer
// counting and a fixed visiting order, so the classes are reproducible.

// ClusterOptions configure LearnClusters.
type ClusterOptions struct {
	// Classes is the number of classes.
	Classes int
	// MinCount is the fewest occurrences a word needs to get a class.
	MinCount int
	// Passes bounds the passes over the vocabulary.
	Passes int
}

// DefaultClusterOptions are the options the shipped model's classes were
// learnt with.
func DefaultClusterOptions() ClusterOptions {
	return ClusterOptions{Classes: 256, MinCount: 3, Passes: 12}
}

// LearnClusters assigns a class in [1, opts.Classes] to every normalised
// word form occurring at least opts.MinCount times in sents (each a
// sentence's words). Rare words share class 0 while learning and are left
// out of the result.
func LearnClusters(sents [][]string, opts ClusterOptions) map[string]uint16 {
	k := opts.Classes + 1 // class 0 holds the rare words and sentence edges
	counts := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			counts[normalize(w)]++
		}
	}
	var vocab []string
	for w, c := range counts {
		if c >= opts.MinCount {
			vocab = append(vocab, w)
		}
	}
	sort.Slice(vocab, func(i, j int) bool {
		if counts[vocab[i]] != counts[vocab[j]] {
			return counts[vocab[i]] > counts[vocab[j]]
		}
		return vocab[i] < vocab[j]
	})
	id := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		id[w] = int32(i + 1) // 0: rare word or sentence edge
	}
	// Word bigrams (ids), sentence edges as word 0.
	nw := len(vocab) + 1
	type bigram struct{ a, b int32 }
	bc := map[bigram]int32{}
	for _, s := range sents {
		prev := int32(0)
		for _, w := range s {
			cur := id[normalize(w)]
			bc[bigram{prev, cur}]++
			prev = cur
		}
		bc[bigram{prev, 0}]++
	}
	// Per word: right neighbours (w, v) and left neighbours (v, w).
	type nb struct{ w, n int32 }
	right := make([][]nb, nw)
	left := make([][]nb, nw)
	keys := make([]bigram, 0, len(bc))
	for b := range bc {
		keys = append(keys, b)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].a != keys[j].a {
			return keys[i].a < keys[j].a
		}
		return keys[i].b < keys[j].b
	})
	for _, b := range keys {
		n := bc[b]
		right[b.a] = append(right[b.a], nb{b.b, n})
		left[b.b] = append(left[b.b], nb{b.a, n})
	}
	// Initial classes: by frequency rank, round robin; word 0 in class 0.
	cls := make([]int32, nw)
	for w := 1; w < nw; w++ {
		cls[w] = int32(1 + (w-1)%(k-1))
	}
	N := make([]int64, k*k) // class bigram counts
	nl := make([]int64, k)  // class counts as left member
	nr := make([]int64, k)  // class counts as right member
	for _, b := range keys {
		n := int64(bc[b])
		N[int(cls[b.a])*k+int(cls[b.b])] += n
		nl[cls[b.a]] += n
		nr[cls[b.b]] += n
	}
	F := func(x int64) float64 {
		if x <= 0 {
			return 0
		}
		return float64(x) * math.Log(float64(x))
	}
	rc := make([]int64, k) // word's right neighbours by class
	lc := make([]int64, k) // word's left neighbours by class
	var rs, ls []int32     // classes present in rc, lc
	move := func(w int, c int32, sign int64) {
		// Add (sign 1) or remove (-1) word w's bigrams as class c.
		for _, x := range right[w] {
			if int(x.w) == w {
				N[int(c)*k+int(c)] += sign * int64(x.n)
				continue
			}
			N[int(c)*k+int(cls[x.w])] += sign * int64(x.n)
		}
		for _, x := range left[w] {
			if int(x.w) == w {
				continue
			}
			N[int(cls[x.w])*k+int(c)] += sign * int64(x.n)
		}
	}
	for pass := 0; pass < opts.Passes; pass++ {
		moved := 0
		for w := 1; w < nw; w++ {
			old := cls[w]
			var self, tr, tl int64
			rs, ls = rs[:0], ls[:0]
			for _, x := range right[w] {
				tr += int64(x.n)
				if int(x.w) == w {
					self += int64(x.n)
					continue
				}
				c := cls[x.w]
				if rc[c] == 0 {
					rs = append(rs, c)
				}
				rc[c] += int64(x.n)
			}
			for _, x := range left[w] {
				tl += int64(x.n)
				if int(x.w) == w {
					continue
				}
				c := cls[x.w]
				if lc[c] == 0 {
					ls = append(ls, c)
				}
				lc[c] += int64(x.n)
			}
			move(w, old, -1)
			nl[old] -= tr
			nr[old] -= tl
			best, bestGain := old, math.Inf(-1)
			for c := int32(1); c < int32(k); c++ {
				g := 0.0
				row := N[int(c)*k : int(c)*k+k]
				for _, d := range rs {
					if d != c {
						g += F(row[d]+rc[d]) - F(row[d])
					}
				}
				for _, d := range ls {
					if d != c {
						x := N[int(d)*k+int(c)]
						g += F(x+lc[d]) - F(x)
					}
				}
				x := row[c]
				g += F(x+rc[c]+lc[c]+self) - F(x)
				g -= F(nl[c]+tr) - F(nl[c]) + F(nr[c]+tl) - F(nr[c])
				if g > bestGain+1e-9 || (c == old && g >= bestGain-1e-9) {
					best, bestGain = c, g
				}
			}
			for _, d := range rs {
				rc[d] = 0
			}
			for _, d := range ls {
				lc[d] = 0
			}
			cls[w] = best
			move(w, best, 1)
			nl[best] += tr
			nr[best] += tl
			if best != old {
				moved++
			}
		}
		if moved == 0 {
			break
		}
	}
	out := make(map[string]uint16, len(vocab))
	for i, w := range vocab {
		out[w] = uint16(cls[i+1])
	}
	return out
}
