package stories

// MinHash signatures over word shingles, and LSH banding over them. Hash
// seeds are fixed constants so that every process computes the same
// signatures.

const (
	// shingleWords is the shingle length in words.
	shingleWords = 5
	// numHashes is the signature length; lshBands*lshRows must equal it.
	numHashes = 64
	lshBands  = 16
	lshRows   = 4
)

// hashSeeds are the per-position seeds of the signature, derived from a
// fixed constant with splitmix64.
var hashSeeds = func() [numHashes]uint64 {
	var s [numHashes]uint64
	x := uint64(0x5174e9a1c3b2d0f7)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}()

// mix64 is the splitmix64 finaliser: a fast bijective scrambler.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvString adds s to the FNV-1a hash h.
func fnvString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// signature returns the MinHash signature of the word shingles of ws, or
// nil when ws has no words. A text shorter than one shingle is one
// shingle.
func signature(ws []word) []uint32 {
	if len(ws) == 0 {
		return nil
	}
	var mins [numHashes]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	n := len(ws) - shingleWords + 1
	if n < 1 {
		n = 1
	}
	for i := 0; i < n; i++ {
		h := uint64(fnvOffset)
		for j := i; j < i+shingleWords && j < len(ws); j++ {
			h = fnvString(h, ws[j].lower)
			h ^= 0xff
			h *= fnvPrime
		}
		for k := range mins {
			if v := mix64(h ^ hashSeeds[k]); v < mins[k] {
				mins[k] = v
			}
		}
	}
	sig := make([]uint32, numHashes)
	for k, v := range mins {
		sig[k] = uint32(v >> 32)
	}
	return sig
}

// jaccard estimates the Jaccard similarity of the shingle sets behind two
// signatures: the share of positions where they agree.
func jaccard(a, b []uint32) float64 {
	if len(a) != numHashes || len(b) != numHashes {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / numHashes
}

// bandKeys returns the LSH bucket key of each band of sig.
func bandKeys(sig []uint32) [lshBands]uint64 {
	var keys [lshBands]uint64
	if len(sig) != numHashes {
		return keys
	}
	for b := range lshBands {
		h := uint64(fnvOffset) ^ uint64(b)
		h *= fnvPrime
		for r := range lshRows {
			v := sig[b*lshRows+r]
			for s := 0; s < 32; s += 8 {
				h ^= uint64(byte(v >> s))
				h *= fnvPrime
			}
		}
		keys[b] = mix64(h)
	}
	return keys
}
