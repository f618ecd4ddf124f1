package actors

import (
	"math/bits"
	"slices"
)

// nerWeights holds a name model's weights by feature hash in an
// open-addressing table (linear probing, load factor at most one half):
// tagging looks up some 60 features per token, most of them absent, and
// a flat table answers those lookups several times faster than a Go map.
// Key 0 marks an empty slot; a feature whose hash is 0 is kept aside.
type nerWeights struct {
	keys  []uint64
	vals  [][nTags]float32 // vals[i] belongs to keys[i]
	shift uint             // 64 - log2(len(keys))
	n     int
	zero  *[nTags]float32 // the weights of feature 0, if it has any
}

// newNERWeights builds the table of w.
func newNERWeights(w map[uint64][nTags]float32) *nerWeights {
	t := newNERWeightsSized(len(w))
	for k, v := range w {
		t.put(k, v)
	}
	return t
}

// newNERWeightsSized returns an empty table with room for n features.
func newNERWeightsSized(n int) *nerWeights {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &nerWeights{
		keys:  make([]uint64, size),
		vals:  make([][nTags]float32, size),
		shift: uint(64 - bits.TrailingZeros(uint(size))),
	}
}

// slot is where probing for k starts (Fibonacci hashing: the feature
// hashes are FNV products, whose low bits mix poorly).
func (t *nerWeights) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> t.shift }

// put sets the weights of k, growing the table when it is half full.
func (t *nerWeights) put(k uint64, v [nTags]float32) {
	if k == 0 {
		if t.zero == nil {
			t.n++
		}
		t.zero = &v
		return
	}
	if 2*(t.n+1) > len(t.keys) {
		g := newNERWeightsSized(t.n + 1)
		for i, kk := range t.keys {
			if kk != 0 {
				g.put(kk, t.vals[i])
			}
		}
		g.zero, g.n = t.zero, t.n
		*t = *g
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case 0:
			t.keys[i], t.vals[i] = k, v
			t.n++
			return
		case k:
			t.vals[i] = v
			return
		}
	}
}

// get returns the weights of k, or nil.
func (t *nerWeights) get(k uint64) *[nTags]float32 {
	if k == 0 {
		return t.zero
	}
	mask := uint64(len(t.keys) - 1)
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return &t.vals[i]
		case 0:
			return nil
		}
	}
}

// len returns the number of features with weights.
func (t *nerWeights) len() int { return t.n }

// sortedKeys returns the features in increasing order.
func (t *nerWeights) sortedKeys() []uint64 {
	out := make([]uint64, 0, t.n)
	if t.zero != nil {
		out = append(out, 0)
	}
	for _, k := range t.keys {
		if k != 0 {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}
