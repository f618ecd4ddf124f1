package syntax

import (
	"fmt"
	"math"
	"sort"
	"sync"
)

// Features are 64-bit hashes of a template number and its values; a
// perceptron maps each feature to a short list of (class, weight) pairs.

// mix hashes two 64-bit values (splitmix64 finaliser over a combination).
func mix(a, b uint64) uint64 {
	x := a*0x9E3779B97F4A7C15 ^ b
	x ^= x >> 31
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	x ^= x >> 31
	return x
}

// strHash is FNV-1a over s.
func strHash(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// feat1..feat3 build the feature of template t with one to three values.
func feat1(t, a uint64) uint64       { return mix(t, a) }
func feat2(t, a, b uint64) uint64    { return mix(mix(t, a), b) }
func feat3(t, a, b, c uint64) uint64 { return mix(mix(mix(t, a), b), c) }

// perceptron is a trained, averaged, read-only linear model: safe for
// concurrent use. Weights are quantised to int16 (real weight = w/scale).
type perceptron struct {
	nClass int
	scale  float64
	// keys are the features in increasing order; flat[starts[f]:
	// starts[f+1]] are feature f's pairs, with the exact weights (for
	// writing, pruning and averaging).
	keys   []uint64
	flat   []pair
	starts []uint32
	// packed holds what scoring reads for the features with 2 to
	// denseMin-1 classes: their pairs in two bytes each, the weight as a
	// code of weightCodes (twice as many pairs a cache line), lists laid
	// out longest first (see slot for where each starts).
	packed []packedPair
	// dense holds the features with long lists (the frequent ones) as
	// rows of stride weights, one per class (0 where the list has none),
	// added with vector instructions where the CPU has them.
	dense  []int16
	stride int
	// table is an open-addressing index on the high bits of the key (see
	// home), holding the low 32 bits as a fingerprint and where the
	// feature's weights are: an offset in packed, a row of dense, or the
	// weight itself (see slot); off 0 marks an empty slot. Eight bytes a
	// slot keep it cache-friendly.
	table []slot
	nFeat int
}

// denseMin is the list length from which a feature's weights are kept as
// a dense row. In the parser these are 0.6% of the features but half of
// the lookups that find a feature and 86% of the weight additions (on
// news text).
const denseMin = 16

// tableLoad is the share of the index's slots in use, in percent: at
// 50% rather than 70%, scoring news is about 6% faster, for 3 MB more
// memory in the parser.
const tableLoad = 50

// home returns the slot where key k's probe starts: the high 32 bits of
// the key scaled to the table (Lemire's multiply-shift, so that the table
// need not be a power of two). Keys in increasing order have increasing
// homes.
func (p *perceptron) home(k uint64) uint64 {
	return (k >> 32) * uint64(len(p.table)) >> 32
}

// next returns the slot after i, wrapping around.
func (p *perceptron) next(i uint64) uint64 {
	if i++; i == uint64(len(p.table)) {
		return 0
	}
	return i
}

// slot is one entry of the index: the key's fingerprint and off, where
// the feature's weights are. With the inline bit set, off is a feature's
// single pair itself (class in bits 16-23, weight in bits 0-15), which
// saves a second memory access; with the dense bit set, a row number in
// dense; otherwise a list of packed, its offset in the low listLenShift
// bits and its length above.
type slot struct{ fp, off uint32 }

const (
	inline   = 1 << 31
	denseRow = 1 << 30
	// A list's off holds its offset in packed in the low bits and its
	// length (under denseMin, so four bits) from listLenShift up.
	listLenShift = 26
	listOffMask  = 1<<listLenShift - 1
	// maxPairs bounds the pairs of a model, so that offsets fit.
	maxPairs = listOffMask
)

// Lengths of packed lists must fit in four bits.
const _ = uint(16 - denseMin)

// pair is one class's weight of one feature.
type pair struct {
	cls uint16
	w   int16
}

// packedPair is a pair as score reads it: the class and the code of the
// weight (see weightCodes).
type packedPair struct{ cls, code uint8 }

// weightCodes maps a one-byte code to a weight: code 0 is 0, codes 1-127
// are positive weights on a logarithmic scale from 1 to quantScale (steps
// of 8.6%), and code c+128 is minus code c. Coding a weight costs at most
// 4.3% of its value (plus one unit of rounding), against the halved
// memory traffic; on EWT test it moves UAS and LAS by under 0.05.
var weightCodes = func() (t [256]int32) {
	for c := 1; c < 128; c++ {
		v := int32(math.Round(math.Exp(float64(c-1) * math.Log(quantScale) / 126)))
		t[c], t[c+128] = v, -v
	}
	return t
}()

// weightCode returns the code of the weight closest to w.
func weightCode(w int16) uint8 {
	c := magnitudeCodes()[max(int32(w), -int32(w))]
	if w < 0 && c != 0 {
		c += 128
	}
	return c
}

// magnitudeCodes maps a weight's magnitude to its code, computed once
// (loading a model codes millions of weights).
var magnitudeCodes = sync.OnceValue(func() *[1<<15 + 1]uint8 {
	var t [1<<15 + 1]uint8
	for a := range t {
		t[a] = magnitudeCode(int32(a))
	}
	return &t
})

// magnitudeCode returns the code of the weight of magnitude a closest to a.
func magnitudeCode(a int32) uint8 {
	if a == 0 {
		return 0
	}
	c := int(math.Round(math.Log(float64(a))*126/math.Log(quantScale))) + 1
	c = min(max(c, 1), 127)
	if c < 127 && weightCodes[c+1]-a < a-weightCodes[c] {
		c++
	} else if c > 1 && a-weightCodes[c-1] < weightCodes[c]-a {
		c--
	}
	return uint8(c)
}

// maxBatch is the number of features score looks up together.
const maxBatch = 256

// score adds the weights of feats to scores (len nClass).
func (p *perceptron) score(feats []uint64, scores []int32) {
	var acc [256]int32 // nClass <= 255 (classes are stored in a byte)
	for len(feats) > maxBatch {
		p.accumulate(feats[:maxBatch], &acc)
		feats = feats[maxBatch:]
	}
	p.accumulate(feats, &acc)
	for c := range scores {
		scores[c] += acc[uint8(c)]
	}
}

// accumulate adds the weights of feats (at most maxBatch) to acc. The
// lookups are memory-bound, so they are done in passes whose loads do not
// depend on one another and can be in flight together. The first pass
// loads every feature's home slot and does nothing else, so that the
// processor's window holds as many of these loads as it can; the second
// finishes the probes (most features are found in their home slot, see
// buildPerceptron); the last adds the weights.
func (p *perceptron) accumulate(feats []uint64, acc *[256]int32) {
	n := len(feats)
	var (
		homeBuf [maxBatch]uint32
		slotBuf [maxBatch]slot
		offBuf  [maxBatch]uint32
	)
	homes, slots, offs := homeBuf[:n], slotBuf[:n], offBuf[:n]
	for j, k := range feats {
		homes[j] = uint32(p.home(k))
	}
	table := p.table
	for j, h := range homes {
		slots[j] = table[h]
	}
	for j, k := range feats {
		if k == 0 {
			k = 1 // as in training; home(0) == home(1)
		}
		e := slots[j]
		if e.fp != uint32(k) && e.off != 0 {
			e.off = p.find(p.next(uint64(homes[j])), uint32(k))
		}
		offs[j] = e.off
	}
	var rowBuf [maxBatch]uint32
	rows := rowBuf[:0]
	for _, off := range offs {
		switch {
		case off == 0:
		case off&inline != 0:
			acc[uint8(off>>16)] += int32(int16(off))
		case off&denseRow != 0:
			rows = append(rows, (off&^denseRow)*uint32(p.stride))
		default:
			o := off & listOffMask
			addList(acc, p.packed[o:o+off>>listLenShift])
		}
	}
	if len(rows) > 0 {
		addRows(acc, p.dense, rows, p.stride)
	}
}

// find returns the off of the feature with fingerprint fp, probing from
// slot i, or 0 if it is absent.
func (p *perceptron) find(i uint64, fp uint32) uint32 {
	for ; ; i = p.next(i) {
		e := p.table[i]
		if e.off == 0 || e.fp == fp {
			return e.off
		}
	}
}

// addList adds the weights of a packed list to acc.
func addList(acc *[256]int32, list []packedPair) {
	for _, q := range list {
		acc[q.cls] += weightCodes[q.code]
	}
}

// addRowsGo adds the dense rows starting at offs (each stride weights
// long) to acc: the portable version of addRows.
func addRowsGo(acc *[256]int32, dense []int16, offs []uint32, stride int) {
	for _, o := range offs {
		for c, w := range dense[o : o+uint32(stride)] {
			acc[uint8(c)] += int32(w)
		}
	}
}

// featPairs returns the pairs of feature number f.
func (p *perceptron) featPairs(f int) []pair {
	return p.flat[p.starts[f]:p.starts[f+1]]
}

// entries returns the length the weight lists would have with one header
// per feature and a dummy entry: the measure of size that the pruning
// budgets count, whatever the layout score reads.
func (p *perceptron) entries() int { return 1 + p.nFeat + len(p.flat) }

// buildPerceptron makes the model from features in increasing key order,
// feature f having counts[f] (1 to 255) of the pairs of flat, in order.
// flat is kept, not copied.
func buildPerceptron(nClass int, scale float64, keys []uint64, counts []uint32, flat []pair) *perceptron {
	if len(flat) > maxPairs {
		panic(fmt.Sprintf("syntax: a model of %d weights is over the limit of %d", len(flat), maxPairs))
	}
	size := len(keys)*100/tableLoad + 2
	p := &perceptron{nClass: nClass, scale: scale, keys: keys, flat: flat, starts: make([]uint32, len(keys)+1),
		table: make([]slot, size), nFeat: len(keys), stride: (nClass + 15) &^ 15}
	adviseHuge(p.table)
	at := uint32(0)
	nDense := 0
	for f := range keys {
		p.starts[f] = at
		at += counts[f]
		if counts[f] >= denseMin {
			nDense++
		}
	}
	p.starts[len(keys)] = at
	// Lay the lists out longest first: features with many classes are
	// the frequent ones (tags, common words), and packed together they
	// stay in cache. A counting sort (lists hold at most nClass pairs),
	// stable in key order within a length.
	var byLen []int
	for _, n := range counts {
		for int(n) >= len(byLen) {
			byLen = append(byLen, 0)
		}
		byLen[n]++
	}
	pos := 0
	for n := len(byLen) - 1; n >= 0; n-- {
		byLen[n], pos = pos, pos+byLen[n]
	}
	order := make([]int32, len(keys))
	for f, n := range counts {
		order[byLen[n]] = int32(f)
		byLen[n]++
	}
	offs := make([]uint32, len(keys))
	p.packed = make([]packedPair, 0, len(flat))
	adviseHuge(p.packed[:cap(p.packed)])
	p.dense = make([]int16, nDense*p.stride)
	row := 0
	for _, f := range order {
		switch n := counts[f]; {
		case n >= denseMin:
			offs[f] = denseRow | uint32(row)
			r := p.dense[row*p.stride : (row+1)*p.stride]
			for _, q := range p.featPairs(int(f)) {
				r[q.cls] = int16(weightCodes[weightCode(q.w)])
			}
			row++
		case n == 1:
			q := flat[p.starts[f]]
			offs[f] = inline | uint32(q.cls)<<16 | uint32(uint16(q.w))
		default:
			offs[f] = uint32(len(p.packed)) | n<<listLenShift
			for _, q := range p.featPairs(int(f)) {
				p.packed = append(p.packed, packedPair{cls: uint8(q.cls), code: weightCode(q.w)})
			}
		}
	}
	// Insert the features longest list first too: in linear probing the
	// first inserted keep their home slots, and these are the features
	// most looked up, which then need no probe beyond the home slot
	// (+18% speed on news). Within a length keys are in increasing order,
	// and so are their homes: building sweeps the table once per length.
	for _, f := range order {
		k := keys[f]
		i := p.home(k)
		for p.table[i].off != 0 {
			i = p.next(i)
		}
		p.table[i] = slot{fp: uint32(k), off: offs[f]}
	}
	return p
}

// trainEntry is one class's weight of one feature during training.
type trainEntry struct {
	cls uint8
	w   int32
	tot int64 // sum of w over past examples, up to ts
	ts  int32
}

// trainer is an averaged perceptron being trained. Weights are integers
// so that training is exactly reproducible.
type trainer struct {
	nClass int
	idx    map[uint64]int32
	rows   [][]trainEntry
	now    int32
}

func newTrainer(nClass int) *trainer {
	return &trainer{nClass: nClass, idx: map[uint64]int32{}}
}

// score adds the current weights of feats to scores.
func (t *trainer) score(feats []uint64, scores []int32) {
	for _, k := range feats {
		if k == 0 {
			k = 1
		}
		r, ok := t.idx[k]
		if !ok {
			continue
		}
		for _, e := range t.rows[r] {
			scores[e.cls] += e.w
		}
	}
}

// tick counts one training example.
func (t *trainer) tick() { t.now++ }

// update moves weight from class bad to class good on feats.
func (t *trainer) update(feats []uint64, good, bad int) {
	for _, k := range feats {
		if k == 0 {
			k = 1
		}
		r, ok := t.idx[k]
		if !ok {
			r = int32(len(t.rows))
			t.idx[k] = r
			t.rows = append(t.rows, nil)
		}
		t.add(r, good, 1)
		t.add(r, bad, -1)
	}
}

func (t *trainer) add(r int32, c int, d int32) {
	row := t.rows[r]
	for i := range row {
		if int(row[i].cls) == c {
			e := &row[i]
			e.tot += int64(e.w) * int64(t.now-e.ts)
			e.ts = t.now
			e.w += d
			return
		}
	}
	t.rows[r] = append(row, trainEntry{cls: uint8(c), w: d, ts: t.now})
}

// average returns the averaged model, quantised so that the largest
// weight is quantScale and dropping weights that round to zero. The trainer
// is left unchanged and can go on training.
func (t *trainer) average() *perceptron {
	keys := make([]uint64, 0, len(t.idx))
	for k := range t.idx {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	now := float64(max(t.now, 1))
	avg := func(e trainEntry) float64 {
		return float64(e.tot+int64(e.w)*int64(t.now-e.ts)) / now
	}
	maxAbs := 1e-9
	for _, row := range t.rows {
		for _, e := range row {
			maxAbs = max(maxAbs, math.Abs(avg(e)))
		}
	}
	scale := quantScale / maxAbs
	var (
		outKeys []uint64
		counts  []uint32
		pairs   []pair
		tmp     []trainEntry
	)
	for _, k := range keys {
		tmp = append(tmp[:0], t.rows[t.idx[k]]...)
		sort.Slice(tmp, func(i, j int) bool { return tmp[i].cls < tmp[j].cls })
		n := 0
		for _, e := range tmp {
			q := math.Round(avg(e) * scale)
			if q == 0 {
				continue
			}
			pairs = append(pairs, pair{cls: uint16(e.cls), w: int16(q)})
			n++
		}
		if n > 0 {
			outKeys = append(outKeys, k)
			counts = append(counts, uint32(n))
		}
	}
	return buildPerceptron(t.nClass, scale, outKeys, counts, pairs)
}

// quantScale is the largest quantised weight. Below int16's limit so that
// sums of a few weights cannot overflow int32 scores in any realistic
// case (a feature list would need 65,000 maximal weights).
const quantScale = 32000

// pruned returns a copy of p without the weights whose magnitude is below
// minW (in quantised units) and without features left empty.
func (p *perceptron) pruned(minW int) *perceptron {
	var (
		keys   []uint64
		counts []uint32
		pairs  []pair
	)
	for f, k := range p.keys {
		n := 0
		for _, q := range p.featPairs(f) {
			if int(q.w) >= minW || int(q.w) <= -minW {
				pairs = append(pairs, q)
				n++
			}
		}
		if n > 0 {
			keys = append(keys, k)
			counts = append(counts, uint32(n))
		}
	}
	return buildPerceptron(p.nClass, p.scale, keys, counts, pairs)
}

// mean returns the perceptron whose scores are the means of the scores
// of ps (same classes): the weights of every feature averaged over the
// models, requantised. Averaging the weights of runs trained with
// different seeds is an ensemble that costs nothing at parse time beyond
// the larger union of features.
func mean(ps ...*perceptron) *perceptron {
	type cell struct {
		key uint64
		cls uint16
	}
	sum := map[cell]float64{}
	var keys []uint64
	seen := map[uint64]bool{}
	for _, p := range ps {
		for f, k := range p.keys {
			if !seen[k] {
				seen[k] = true
				keys = append(keys, k)
			}
			for _, q := range p.featPairs(f) {
				sum[cell{k, q.cls}] += float64(q.w) / p.scale / float64(len(ps))
			}
		}
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
	maxAbs := 1e-9
	for _, v := range sum {
		maxAbs = max(maxAbs, math.Abs(v))
	}
	scale := quantScale / maxAbs
	var (
		outKeys []uint64
		counts  []uint32
		pairs   []pair
	)
	nClass := ps[0].nClass
	for _, k := range keys {
		n := 0
		for c := 0; c < nClass; c++ {
			v, ok := sum[cell{k, uint16(c)}]
			if !ok {
				continue
			}
			if q := math.Round(v * scale); q != 0 {
				pairs = append(pairs, pair{cls: uint16(c), w: int16(q)})
				n++
			}
		}
		if n > 0 {
			outKeys = append(outKeys, k)
			counts = append(counts, uint32(n))
		}
	}
	return buildPerceptron(nClass, scale, outKeys, counts, pairs)
}
