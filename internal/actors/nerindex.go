package actors

import (
	"math/bits"
	"slices"
)

// nerTable maps feature hashes to values in an open-addressing table
// (linear probing, load factor at most one half): tagging looks up some
// 60 features per token, most of them absent, and a flat table answers
// those lookups several times faster than a Go map. Key 0 marks an empty
// slot; a feature whose hash is 0 is kept aside.
type nerTable[V any] struct {
	keys  []uint64
	vals  []V  // vals[i] belongs to keys[i]
	shift uint // 64 - log2(len(keys))
	n     int
	zero  *V // the value of feature 0, if it has one
}

// nerWeights holds a name model's weights by feature.
type nerWeights = nerTable[[nTags]float32]

// nerJoint holds the weights of a model's detector (index 0) and of the
// model (index 1) by feature, for the features both compute.
type nerJoint = nerTable[[2][nTags]float32]

// newNERWeightsSized returns an empty weight table with room for n
// features.
func newNERWeightsSized(n int) *nerWeights { return newNERTable[[nTags]float32](n) }

// newNERTable returns an empty table with room for n features.
func newNERTable[V any](n int) *nerTable[V] {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &nerTable[V]{
		keys:  make([]uint64, size),
		vals:  make([]V, size),
		shift: uint(64 - bits.TrailingZeros(uint(size))),
	}
}

// newNERJoint builds the joint table of a detector's weights and a
// model's: a feature either lacks has zero weights there, which adds
// nothing to a score.
func newNERJoint(det, m *nerWeights) *nerJoint {
	j := newNERTable[[2][nTags]float32](det.len() + m.len())
	for x, w := range []*nerWeights{det, m} {
		for _, k := range w.sortedKeys() {
			v, _ := j.lookup(k)
			v[x] = *w.get(k)
			j.put(k, v)
		}
	}
	return j
}

// slot is where probing for k starts (Fibonacci hashing: the feature
// hashes are FNV products, whose low bits mix poorly).
func (t *nerTable[V]) slot(k uint64) uint64 { return (k * 0x9e3779b97f4a7c15) >> t.shift }

// put sets the weights of k, growing the table when it is half full.
func (t *nerTable[V]) put(k uint64, v V) {
	if k == 0 {
		if t.zero == nil {
			t.n++
		}
		z := v // only this copy escapes, not every v
		t.zero = &z
		return
	}
	if 2*(t.n+1) > len(t.keys) {
		g := newNERTable[V](t.n + 1)
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

// lookup returns the value of k and whether it has one.
func (t *nerTable[V]) lookup(k uint64) (V, bool) {
	if p := t.get(k); p != nil {
		return *p, true
	}
	var zero V
	return zero, false
}

// get returns the value of k, or nil.
func (t *nerTable[V]) get(k uint64) *V {
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
func (t *nerTable[V]) len() int { return t.n }

// sortedKeys returns the features in increasing order.
func (t *nerTable[V]) sortedKeys() []uint64 {
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
