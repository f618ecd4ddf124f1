package syntax

import (
	"math"
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
