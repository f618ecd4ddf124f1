package syntax

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestWeightCodes checks the one-byte weight codes score reads: zero
// stays zero, signs are kept and every weight is coded within 4.3% and one unit.
func TestWeightCodes(t *testing.T) {
	if weightCode(0) != 0 || weightCodes[0] != 0 {
		t.Fatalf("zero coded as %d", weightCode(0))
	}
	for w := -quantScale; w <= quantScale; w++ {
		if w == 0 {
			continue
		}
		got := weightCodes[weightCode(int16(w))]
		if (got > 0) != (w > 0) {
			t.Fatalf("%d decoded as %d", w, got)
		}
		diff := float64(got - int32(w))
		if diff < 0 {
			diff = -diff
		}
		if diff > 0.043*float64(max(w, -w))+1 {
			t.Fatalf("%d decoded as %d", w, got)
		}
	}
}

// TestMean checks that the mean of two models scores as the mean of their
// real weights, over the union of their features.
func TestMean(t *testing.T) {
	// Features are hashes, as parseFeats makes them (the index keeps 32
	// bits of fingerprint), in increasing order.
	keys := []uint64{feat1(1, 10), feat1(1, 20), feat1(1, 30)}
	slices.Sort(keys)
	f10, f20, f30 := keys[0], keys[1], keys[2]
	// Model a: real weights are stored times 2; model b: times 10.
	a := buildPerceptron(3, 2, []uint64{f10, f20}, []uint32{2, 1}, []pair{{0, 200}, {1, -100}, {2, 60}})
	b := buildPerceptron(3, 10, []uint64{f20, f30}, []uint32{1, 1}, []pair{{2, 1000}, {1, 500}})
	m := mean(a, b)
	if m.nFeat != 3 {
		t.Fatalf("mean has %d features, want 3", m.nFeat)
	}
	// Real means: feature 10: (100, -50, 0)/2; 20: class 2 (30+100)/2;
	// 30: class 1 50/2.
	want := []float64{50, -25 + 25, 65}
	mass := []float64{50, 25 + 25, 65} // sum of magnitudes, for the coding error
	scores := make([]int32, 3)
	m.score([]uint64{f10, f20, f30}, scores)
	for c, w := range want {
		got := float64(scores[c]) / m.scale
		if math.Abs(got-w) > 0.045*mass[c]+2/m.scale {
			t.Errorf("class %d: score %.3f, want %.3f", c, got, w)
		}
	}
	// Pruning drops the small weights and the features left empty.
	p := m.pruned(int(math.Round(40 * m.scale)))
	if p.nFeat != 2 {
		t.Errorf("pruned model keeps %d features, want 2 (10 and 20)", p.nFeat)
	}
}

// TestScoreLayouts checks score against a plain sum over the features'
// pairs, on a model with every layout of weights (single pairs in the
// index, packed lists, dense rows) and lists of features with absent
// ones, repeated ones, the zero key and more than maxBatch of them, with
// and without the vector routine.
func TestScoreLayouts(t *testing.T) {
	vector := hasAVX2
	defer func() { hasAVX2 = vector }()
	for _, hasAVX2 = range []bool{vector, false} {
		testScoreLayouts(t)
	}
}

func testScoreLayouts(t *testing.T) {
	for _, nClass := range []int{3, 16, 50, 103, 255} {
		rng := rand.New(rand.NewPCG(uint64(nClass), 7))
		var (
			keys   []uint64
			counts []uint32
			flat   []pair
		)
		byKey := map[uint64][]pair{}
		for f := 0; f < 5000; f++ {
			k := feat1(uint64(nClass), uint64(f)) // hashed, as the parser's
			if f == 0 {
				k = 1 // what the zero key is scored as
			}
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			n := 1 + rng.IntN(min(nClass, 2*denseMin+3))
			if rng.IntN(10) == 0 {
				n = nClass // every class
			}
			perm := rng.Perm(nClass)[:n]
			slices.Sort(perm)
			for _, c := range perm {
				w := int16(rng.IntN(2*quantScale+1) - quantScale)
				if w == 0 {
					w = 1
				}
				flat = append(flat, pair{cls: uint16(c), w: w})
				byKey[k] = append(byKey[k], flat[len(flat)-1])
			}
			counts = append(counts, uint32(n))
		}
		p := buildPerceptron(nClass, 1, keys, counts, flat)
		if (nClass >= denseMin) != (len(p.dense) > 0) || len(p.packed) < 2 {
			t.Fatalf("%d classes: no dense rows or no packed lists", nClass)
		}
		for trial := 0; trial < 200; trial++ {
			feats := make([]uint64, rng.IntN(2*maxBatch+10))
			for i := range feats {
				switch rng.IntN(4) {
				case 0:
					feats[i] = rng.Uint64() // absent
				case 1:
					feats[i] = 0
				default:
					feats[i] = keys[rng.IntN(len(keys))]
				}
			}
			want := make([]int32, nClass)
			for _, k := range feats {
				if k == 0 {
					k = 1
				}
				if l := byKey[k]; len(l) == 1 {
					want[l[0].cls] += int32(l[0].w) // kept exact in the index
					continue
				}
				for _, q := range byKey[k] {
					want[q.cls] += weightCodes[weightCode(q.w)]
				}
			}
			got := make([]int32, nClass)
			p.score(feats, got)
			if !slices.Equal(got, want) {
				t.Fatalf("%d classes, %d features: scores differ from the plain sum", nClass, len(feats))
			}
		}
	}
}

// TestAddRows checks the vector version of addRows against the portable
// one.
func TestAddRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, stride := range []int{16, 64, 112, 256} {
		dense := make([]int16, 40*stride)
		for i := range dense {
			dense[i] = int16(rng.IntN(65536) - 32768)
		}
		for _, nrows := range []int{1, 2, 7, 40, 200} {
			offs := make([]uint32, nrows)
			for i := range offs {
				offs[i] = uint32(rng.IntN(40) * stride)
			}
			var got, want [256]int32
			for c := range got {
				got[c] = int32(c * 1000)
				want[c] = got[c]
			}
			addRows(&got, dense, offs, stride)
			addRowsGo(&want, dense, offs, stride)
			if got != want {
				t.Fatalf("stride %d, %d rows: vector sum differs", stride, nrows)
			}
		}
	}
}
