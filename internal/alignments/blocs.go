package alignments

import (
	"math"
	"sort"
)

// exhaustiveMax is the largest network whose partitions are all tried
// (Bell(10) = 115,975 partitions); larger ones use local search.
const exhaustiveMax = 10

// Balanced adds the structural-balance term to a weight matrix: for each
// pair, beta times the cosine similarity of their tie profiles toward
// every third actor (same friends and enemies: positive; opposite:
// negative), scaled by the mean absolute tie. The direct tie stays as is.
func Balanced(w [][]float64, beta float64) [][]float64 {
	n := len(w)
	out := make([][]float64, n)
	for i := range out {
		out[i] = append([]float64(nil), w[i]...)
	}
	if beta <= 0 || n < 3 {
		return out
	}
	var sum float64
	var cnt int
	for i := range w {
		for j := i + 1; j < n; j++ {
			if w[i][j] != 0 {
				sum += math.Abs(w[i][j])
				cnt++
			}
		}
	}
	if cnt == 0 {
		return out
	}
	scale := sum / float64(cnt)
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			var dot, ni, nj float64
			for k := 0; k < n; k++ {
				if k == i || k == j {
					continue
				}
				dot += w[i][k] * w[j][k]
				ni += w[i][k] * w[i][k]
				nj += w[j][k] * w[j][k]
			}
			if ni == 0 || nj == 0 {
				continue
			}
			s := beta * scale * dot / math.Sqrt(ni*nj)
			out[i][j] += s
			out[j][i] += s
		}
	}
	return out
}

// modularityMatrix returns B with Q = sum of B[i][j] over pairs in the
// same bloc: the signed modularity of Gómez, Jensen and Arenas (2009),
// positive ties against their configuration null model minus negative
// ties against theirs, normalised by total absolute weight.
func modularityMatrix(w [][]float64) [][]float64 {
	n := len(w)
	kp, kn := make([]float64, n), make([]float64, n)
	var tp, tn float64
	for i := range w {
		for j := range w[i] {
			if i == j {
				continue
			}
			if w[i][j] > 0 {
				kp[i] += w[i][j]
			} else {
				kn[i] -= w[i][j]
			}
		}
		tp += kp[i]
		tn += kn[i]
	}
	b := make([][]float64, n)
	norm := tp + tn
	for i := range b {
		b[i] = make([]float64, n)
		if norm == 0 {
			continue
		}
		for j := range b[i] {
			v := 0.0
			if i != j {
				v = w[i][j]
			}
			if tp > 0 {
				v -= kp[i] * kp[j] / tp
			}
			if tn > 0 {
				v += kn[i] * kn[j] / tn
			}
			b[i][j] = v / norm
		}
	}
	return b
}

// Modularity is the signed modularity of a labelling of w (Gómez, Jensen
// and Arenas 2009).
func Modularity(w [][]float64, labels []int) float64 {
	return quality(modularityMatrix(w), labels)
}

func quality(b [][]float64, labels []int) float64 {
	var q float64
	for i := range b {
		for j := range b {
			if labels[i] == labels[j] {
				q += b[i][j]
			}
		}
	}
	return q
}

// balanceMatrix returns B with Q = sum of B[i][j] over pairs in the same
// bloc equal to 1 - 2F/T - (negative weight)/T... in short: maximising it
// minimises structural-balance frustration, the weight of positive ties
// between blocs plus negative ties within them (correlation clustering).
func balanceMatrix(w [][]float64) [][]float64 {
	var tot float64
	for i := range w {
		for j := range w[i] {
			if i != j {
				tot += math.Abs(w[i][j])
			}
		}
	}
	b := make([][]float64, len(w))
	for i := range b {
		b[i] = make([]float64, len(w))
		for j := range b[i] {
			if i != j && tot > 0 {
				b[i][j] = w[i][j] / tot
			}
		}
	}
	return b
}

// Frustration is the structural-balance frustration of a labelling: the
// weight of positive ties between blocs and of negative ties within
// blocs, over the total absolute weight (0 = perfectly balanced).
func Frustration(w [][]float64, labels []int) float64 {
	var f, tot float64
	for i := range w {
		for j := i + 1; j < len(w); j++ {
			v := w[i][j]
			tot += math.Abs(v)
			if (labels[i] == labels[j]) != (v > 0) && v != 0 {
				f += math.Abs(v)
			}
		}
	}
	if tot == 0 {
		return 0
	}
	return f / tot
}

// Objective names what Partition maximises.
type Objective int

const (
	// Balance minimises structural-balance frustration (correlation
	// clustering): no null model, so a hub of hostility does not attract
	// other hostile hubs; the default.
	Balance Objective = iota
	// SignedModularity maximises the signed modularity of Gómez, Jensen
	// and Arenas (2009).
	SignedModularity
)

// Partition splits the actors of w into blocs that optimise obj:
// exhaustively up to exhaustiveMax actors, else by a deterministic local
// search (single-actor moves in index order, then bloc merges, until
// nothing improves) from two starts (every actor alone; the components of
// positive ties), keeping the better. Labels are renumbered so that bloc 0
// holds actor 0, bloc 1 the first actor not in bloc 0, and so on.
func Partition(w [][]float64, obj Objective) []int {
	n := len(w)
	if n == 0 {
		return nil
	}
	b := balanceMatrix(w)
	if obj == SignedModularity {
		b = modularityMatrix(w)
	}
	var labels []int
	if n <= exhaustiveMax {
		labels = exhaustive(b)
	} else {
		labels = localSearch(b, singletons(n))
		if alt := localSearch(b, positiveComponents(w)); quality(b, alt) > quality(b, labels)+1e-12 {
			labels = alt
		}
	}
	return canonical(labels)
}

func singletons(n int) []int {
	l := make([]int, n)
	for i := range l {
		l[i] = i
	}
	return l
}

// positiveComponents labels the connected components of positive ties.
func positiveComponents(w [][]float64) []int {
	n := len(w)
	l := make([]int, n)
	for i := range l {
		l[i] = -1
	}
	for s := 0; s < n; s++ {
		if l[s] >= 0 {
			continue
		}
		l[s] = s
		stack := []int{s}
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for j := 0; j < n; j++ {
				if l[j] < 0 && w[i][j] > 0 {
					l[j] = s
					stack = append(stack, j)
				}
			}
		}
	}
	return l
}

func canonical(labels []int) []int {
	m := map[int]int{}
	out := make([]int, len(labels))
	for i, l := range labels {
		c, ok := m[l]
		if !ok {
			c = len(m)
			m[l] = c
		}
		out[i] = c
	}
	return out
}

// exhaustive enumerates every partition as a restricted growth string and
// keeps the first best.
func exhaustive(b [][]float64) []int {
	n := len(b)
	cur := make([]int, n)
	best := make([]int, n)
	bestQ := math.Inf(-1)
	var rec func(i, maxL int, q float64)
	rec = func(i, maxL int, q float64) {
		if i == n {
			if q > bestQ+1e-12 {
				bestQ = q
				copy(best, cur)
			}
			return
		}
		for l := 0; l <= maxL+1; l++ {
			cur[i] = l
			d := b[i][i]
			for j := 0; j < i; j++ {
				if cur[j] == l {
					d += 2 * b[i][j]
				}
			}
			m := maxL
			if l > maxL {
				m = l
			}
			rec(i+1, m, q+d)
		}
	}
	rec(0, -1, 0)
	return best
}

func localSearch(b [][]float64, labels []int) []int {
	for round := 0; round < 100; round++ {
		moved := movePass(b, labels)
		merged := mergePass(b, labels)
		if !moved && !merged {
			break
		}
	}
	return labels
}

func movePass(b [][]float64, labels []int) bool {
	n := len(b)
	any := false
	for pass := 0; pass < 50; pass++ {
		changed := false
		for i := 0; i < n; i++ {
			gain := map[int]float64{}
			for j := 0; j < n; j++ {
				if j != i {
					gain[labels[j]] += 2 * b[i][j]
				}
			}
			own := labels[i]
			bestL, bestG := own, gain[own]
			// A bloc of its own: gain 0; pick the first free label.
			free := n
			used := map[int]bool{}
			for j, l := range labels {
				if j != i {
					used[l] = true
				}
			}
			for l := 0; l < n; l++ {
				if !used[l] {
					free = l
					break
				}
			}
			cands := []int{}
			for l := range gain {
				cands = append(cands, l)
			}
			sort.Ints(cands)
			for _, l := range cands {
				if gain[l] > bestG+1e-12 {
					bestL, bestG = l, gain[l]
				}
			}
			if 0 > bestG+1e-12 && used[own] {
				bestL = free
			}
			if bestL != own {
				labels[i] = bestL
				changed = true
				any = true
			}
		}
		if !changed {
			break
		}
	}
	return any
}

func mergePass(b [][]float64, labels []int) bool {
	ls := map[int]bool{}
	for _, l := range labels {
		ls[l] = true
	}
	var keys []int
	for l := range ls {
		keys = append(keys, l)
	}
	sort.Ints(keys)
	bestG, ba, bb := 1e-12, -1, -1
	for x := 0; x < len(keys); x++ {
		for y := x + 1; y < len(keys); y++ {
			var g float64
			for i := range labels {
				if labels[i] != keys[x] {
					continue
				}
				for j := range labels {
					if labels[j] == keys[y] {
						g += 2 * b[i][j]
					}
				}
			}
			if g > bestG {
				bestG, ba, bb = g, keys[x], keys[y]
			}
		}
	}
	if ba < 0 {
		return false
	}
	for i := range labels {
		if labels[i] == bb {
			labels[i] = ba
		}
	}
	return true
}

// Attachment returns, for actor i, the sum of its ties (in w) to the
// members of each bloc other than itself, indexed by bloc label.
func Attachment(w [][]float64, labels []int, i int) []float64 {
	k := 0
	for _, l := range labels {
		if l+1 > k {
			k = l + 1
		}
	}
	a := make([]float64, k)
	for j := range w {
		if j != i {
			a[labels[j]] += w[i][j]
		}
	}
	return a
}

// Confidence is how clearly actor i belongs to its bloc: its attachment to
// its own bloc minus the best alternative (another bloc, or standing
// alone, which scores 0), over the total absolute weight of its ties,
// clamped to [0, 1]. An actor alone in its bloc is confident when every
// other bloc repels it.
func Confidence(w [][]float64, labels []int, i int) float64 {
	a := Attachment(w, labels, i)
	own := a[labels[i]]
	alone := true
	for j, l := range labels {
		if j != i && l == labels[i] {
			alone = false
		}
	}
	second := math.Inf(-1)
	if !alone {
		second = 0
	}
	for l, v := range a {
		if l != labels[i] && v > second {
			second = v
		}
	}
	var tot float64
	for j := range w {
		if j != i {
			tot += math.Abs(w[i][j])
		}
	}
	if tot == 0 || math.IsInf(second, -1) {
		return 0
	}
	c := (own - second) / tot
	return math.Max(0, math.Min(1, c))
}

// bridgeShare is the least share of an actor's positive ties that a
// second bloc must hold for the actor to bridge blocs.
const bridgeShare = 0.2

// BridgeBlocs returns the blocs (sorted) actor i has substantial positive
// direct ties to, its own included when it has positive ties there: each
// holds at least bridgeShare of the actor's positive tie weight. An actor
// bridges when it returns two blocs or more.
func BridgeBlocs(w [][]float64, labels []int, i int) []int {
	pos := map[int]float64{}
	var tot float64
	for j := range w {
		if j != i && w[i][j] > 0 {
			pos[labels[j]] += w[i][j]
			tot += w[i][j]
		}
	}
	var out []int
	for l, v := range pos {
		if v >= bridgeShare*tot {
			out = append(out, l)
		}
	}
	sort.Ints(out)
	return out
}
