package syntax

import (
	"math"
	"sort"
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
	// keys are the features in increasing order and offs the place of
	// each one's pairs: pairs[offs[f]] is a header whose cls is the number
	// of pairs that follow it.
	keys  []uint64
	offs  []uint32
	pairs []pair
	// table is an open-addressing index on the low bits of the key,
	// holding the high 32 bits as a fingerprint; off 0 marks an empty
	// slot (pairs[0] is a dummy). Eight bytes a slot keep it cache-friendly.
	table []slot
	mask  uint64
	// bloom has one bit per hash of the key's high bits: a clear bit
	// proves the feature absent without touching the (much larger) table.
	// Most features of a parse are absent, and the bitset stays in cache.
	bloom     []uint64
	bloomMask uint64
	nFeat     int
}

// bloomBit is the bloom bit number of key k.
func bloomBit(k uint64) uint64 { return k >> 40 }

// slot is one entry of the index: the key's fingerprint and the offset
// of its pairs, or, for a feature with a single pair, that pair itself
// (inline bit set, class in bits 16-30, weight in bits 0-15), which saves
// a second memory access.
type slot struct{ fp, off uint32 }

const inline = 1 << 31

// pair is one class's weight of one feature.
type pair struct {
	cls uint16
	w   int16
}

// score adds the weights of feats to scores (len nClass). The lookups
// are memory-bound, so they are done in passes whose loads do not depend
// on one another and can be in flight together: first every feature's
// home slot, then the rest of each probe, then the weights.
func (p *perceptron) score(feats []uint64, scores []int32) {
	var buf [256]uint32
	offs := buf[:0]
	if len(feats) > len(buf) {
		offs = make([]uint32, 0, len(feats))
	}
	for _, k := range feats {
		if k == 0 {
			k = 1
		}
		b := bloomBit(k) & p.bloomMask
		if p.bloom[b>>6]&(1<<(b&63)) == 0 {
			offs = append(offs, 0)
			continue
		}
		offs = append(offs, p.table[k&p.mask].off)
	}
	for j, k := range feats {
		if offs[j] == 0 {
			continue
		}
		if k == 0 {
			k = 1
		}
		fp := uint32(k >> 32)
		off := uint32(0)
		for i := k & p.mask; ; i = (i + 1) & p.mask {
			e := p.table[i]
			if e.off == 0 {
				break
			}
			if e.fp == fp {
				off = e.off
				break
			}
		}
		offs[j] = off
	}
	// Read every list's header (its length) first: these loads miss the
	// cache and are independent, so they overlap; the scan below then
	// finds the lists' first lines in cache.
	var nbuf [256]uint16
	ns := nbuf[:0]
	if len(offs) > len(nbuf) {
		ns = make([]uint16, 0, len(offs))
	}
	for _, off := range offs {
		var n uint16
		if off != 0 && off&inline == 0 {
			n = p.pairs[off].cls
		}
		ns = append(ns, n)
	}
	for j, off := range offs {
		if off == 0 {
			continue
		}
		if off&inline != 0 {
			scores[(off>>16)&0x7fff] += int32(int16(off))
			continue
		}
		n := uint32(ns[j])
		for _, q := range p.pairs[off+1 : off+1+n] {
			scores[q.cls] += int32(q.w)
		}
	}
}

// featPairs returns the pairs of feature number f.
func (p *perceptron) featPairs(f int) []pair {
	o := p.offs[f]
	return p.pairs[o+1 : o+1+uint32(p.pairs[o].cls)]
}

// buildPerceptron makes the model from features in increasing key order,
// feature f having counts[f] (1 to 255) of the pairs, in order.
func buildPerceptron(nClass int, scale float64, keys []uint64, counts []uint32, flat []pair) *perceptron {
	size := 1
	for size < len(keys)+len(keys)/2+2 {
		size <<= 1
	}
	p := &perceptron{nClass: nClass, scale: scale, keys: keys, offs: make([]uint32, len(keys)),
		pairs: make([]pair, 0, len(flat)+len(keys)+1), table: make([]slot, size), mask: uint64(size - 1), nFeat: len(keys)}
	adviseHuge(p.pairs[:cap(p.pairs)])
	adviseHuge(p.table)
	bits := 64
	for bits < 8*len(keys) {
		bits <<= 1
	}
	p.bloom, p.bloomMask = make([]uint64, bits/64), uint64(bits-1)
	p.pairs = append(p.pairs, pair{})
	// Lay the lists out longest first: features with many classes are
	// the frequent ones (tags, common words), and packed together they
	// stay in cache.
	starts := make([]int, len(keys))
	at := 0
	for f := range keys {
		starts[f] = at
		at += int(counts[f])
	}
	// A counting sort (lists hold at most nClass pairs), stable in key
	// order within a length.
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
	order := make([]int, len(keys))
	for f, n := range counts {
		order[byLen[n]] = f
		byLen[n]++
	}
	for _, f := range order {
		n := counts[f]
		p.offs[f] = uint32(len(p.pairs))
		p.pairs = append(p.pairs, pair{cls: uint16(n)})
		p.pairs = append(p.pairs, flat[starts[f]:starts[f]+int(n)]...)
	}
	for f, k := range keys {
		n := counts[f]
		off := p.offs[f]
		i := k & p.mask
		for p.table[i].off != 0 {
			i = (i + 1) & p.mask
		}
		sl := slot{fp: uint32(k >> 32), off: off}
		if n == 1 {
			q := flat[starts[f]]
			sl.off = inline | uint32(q.cls)<<16 | uint32(uint16(q.w))
		}
		p.table[i] = sl
		b := bloomBit(k) & p.bloomMask
		p.bloom[b>>6] |= 1 << (b & 63)
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
