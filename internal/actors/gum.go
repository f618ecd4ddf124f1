package actors

import (
	"bufio"
	"io"
	"slices"
	"strconv"
	"strings"
)

// gumKinds maps GUM entity types to our kinds.
var gumKinds = map[string]string{"person": KindPER, "organization": KindORG, "place": KindLOC}

// ReadGUMNames reads a CoNLL-U file with GUM entity annotation
// ("Entity=(3-person-..." opening and "3)" closing in MISC) and returns
// its sentences tagged in IOB2 with the named mentions only: a mention of
// a person, organisation or place counts as a name when, after dropping
// leading words before its first proper noun, it starts and ends with a
// proper noun ("Biologist Nick Bos" → "Nick Bos"; "the university" is
// not a name). Nested names keep the outermost.
func ReadGUMNames(r io.Reader) ([]IOBSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var out []IOBSentence
	doc := ""
	var opens []gumOpen
	type span struct {
		s, e int
		kind string
	}
	var cur IOBSentence
	var upos []string
	var spans []span
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		cur.Doc = doc
		cur.Tags = make([]string, len(cur.Words))
		for i := range cur.Tags {
			cur.Tags[i] = "O"
		}
		// Longest first; skip overlaps.
		slices.SortStableFunc(spans, func(a, b span) int { return (b.e - b.s) - (a.e - a.s) })
		for _, sp := range spans {
			s := sp.s
			for s < sp.e && upos[s] != "PROPN" {
				s++
			}
			if s >= sp.e || upos[sp.e-1] != "PROPN" {
				continue
			}
			free := true
			for k := s; k < sp.e; k++ {
				if cur.Tags[k] != "O" {
					free = false
				}
			}
			if !free {
				continue
			}
			cur.Tags[s] = "B-" + sp.kind
			for k := s + 1; k < sp.e; k++ {
				cur.Tags[k] = "I-" + sp.kind
			}
		}
		out = append(out, cur)
		cur, upos, spans, opens = IOBSentence{}, nil, nil, nil
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			if id, ok := strings.CutPrefix(line, "# newdoc id = "); ok {
				flush()
				doc = strings.TrimSpace(id)
				opens = nil
			}
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 10 || strings.ContainsAny(f[0], "-.") {
			continue
		}
		idx := len(cur.Words)
		cur.Words = append(cur.Words, f[1])
		upos = append(upos, f[3])
		ent := ""
		for item := range strings.SplitSeq(f[9], "|") {
			if v, ok := strings.CutPrefix(item, "Entity="); ok {
				ent = v
			}
		}
		for pos := 0; pos < len(ent); {
			if ent[pos] == '(' {
				end := strings.IndexByte(ent[pos+1:], '(')
				if end < 0 {
					end = len(ent)
				} else {
					end += pos + 1
				}
				seg := ent[pos+1 : end]
				pos = end
				attrs, rest, closed := strings.Cut(seg, ")")
				parts := strings.SplitN(attrs, "-", 3)
				if len(parts) < 2 {
					continue
				}
				o := gumOpen{id: parts[0], kind: gumKinds[parts[1]], start: idx}
				if closed {
					if o.kind != "" {
						spans = append(spans, span{s: idx, e: idx + 1, kind: o.kind})
					}
				} else {
					opens = append(opens, o)
				}
				for c := range strings.SplitSeq(rest, ")") {
					opens = closeEntity(opens, c, idx, func(s, e int, kind string) { spans = append(spans, span{s, e, kind}) })
				}
				continue
			}
			end := strings.IndexByte(ent[pos:], ')')
			if end < 0 {
				break
			}
			id := ent[pos : pos+end]
			pos += end + 1
			opens = closeEntity(opens, id, idx, func(s, e int, kind string) { spans = append(spans, span{s, e, kind}) })
		}
	}
	flush()
	return out, sc.Err()
}

// gumOpen is an entity opened and not yet closed.
type gumOpen struct {
	id, kind string
	start    int
}

// closeEntity closes the open entity id at token idx, reporting it through
// add when it has a kind we keep.
func closeEntity(opens []gumOpen, id string, idx int, add func(s, e int, kind string)) []gumOpen {
	if _, err := strconv.Atoi(id); err != nil {
		return opens
	}
	for k := len(opens) - 1; k >= 0; k-- {
		if o := opens[k]; o.id == id {
			if o.kind != "" && o.start <= idx {
				add(o.start, idx+1, o.kind)
			}
			return append(opens[:k], opens[k+1:]...)
		}
	}
	return opens
}

// ReadPROPNRuns reads a CoNLL-U treebank and tags its runs of proper nouns
// as names (B-PER/I-PER, untyped), for training the name detector. A run
// may hold "of", "the", "&", "-", "'s" or "." between proper nouns
// ("University of Texas"); a run of month or day names is not a name.
func ReadPROPNRuns(r io.Reader) ([]IOBSentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	var out []IOBSentence
	doc := ""
	var cur IOBSentence
	var upos []string
	flush := func() {
		if len(cur.Words) == 0 {
			return
		}
		cur.Doc = doc
		cur.Tags = make([]string, len(cur.Words))
		for i := range cur.Tags {
			cur.Tags[i] = "O"
		}
		for i := 0; i < len(upos); {
			if upos[i] != "PROPN" {
				i++
				continue
			}
			j := i + 1
			for j < len(upos) {
				if upos[j] == "PROPN" {
					j++
					continue
				}
				w := strings.ToLower(cur.Words[j])
				if (w == "of" || w == "the" || w == "&" || w == "-" || w == "'s" || w == ".") && j+1 < len(upos) && upos[j+1] == "PROPN" {
					j += 2
					continue
				}
				break
			}
			allTime := true
			for k := i; k < j; k++ {
				if !timeWords[strings.ToLower(cur.Words[k])] {
					allTime = false
				}
			}
			if !allTime {
				cur.Tags[i] = "B-PER"
				for k := i + 1; k < j; k++ {
					cur.Tags[k] = "I-PER"
				}
			}
			i = j
		}
		out = append(out, cur)
		cur, upos = IOBSentence{}, nil
	}
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		if strings.HasPrefix(line, "#") {
			if id, ok := strings.CutPrefix(line, "# newdoc id = "); ok {
				flush()
				doc = strings.TrimSpace(id)
			}
			continue
		}
		f := strings.SplitN(line, "\t", 5)
		if len(f) < 4 || strings.ContainsAny(f[0], "-.") {
			continue
		}
		cur.Words = append(cur.Words, f[1])
		upos = append(upos, f[3])
	}
	flush()
	return out, sc.Err()
}
