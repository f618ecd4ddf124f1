package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep/sitrep/internal/model"
	"github.com/sitrep/sitrep/internal/segment"
)

// Feature kinds, as prefixes of a term's key. A term's kind scales its
// weight (Options.NameBoost, Options.ActorBoost).
const (
	kindWord  = 'w' // a lower-cased, stemmed content word
	kindName  = 'n' // a run of capitalised words (a multi-word name), lower-cased
	kindActor = 'a' // an actor code or a person from the actor stage
)

// maxWordBytes skips absurdly long "words" (URLs, base64, junk).
const maxWordBytes = 40

// maxFeatureTokens bounds the work on a huge article: only its first
// tokens are read (news leads carry the story).
const maxFeatureTokens = 5000

// word is one alphanumeric token of an article, for shingles and terms.
type word struct {
	text      string // as written
	lower     string // lower-cased
	capital   bool   // starts with an upper-case letter
	sentStart bool   // first word of its sentence
}

// words returns the article's words (tokens holding a letter or digit), in
// order, at most maxFeatureTokens. It uses a.Tokens when the segment stage
// has run, and tokenizes a.Text otherwise.
func words(a *model.Article) []word {
	toks := a.Tokens
	if len(toks) == 0 && a.Text != "" {
		toks = segment.Tokenize(a.Text)
	}
	starts := map[int]bool{}
	for _, s := range a.Sentences {
		starts[s.FirstToken] = true
	}
	out := make([]word, 0, min(len(toks), maxFeatureTokens))
	prevTerminal := true
	for i, t := range toks {
		if len(out) >= maxFeatureTokens {
			break
		}
		s := t.Span.In(a.Text)
		if s == "" {
			continue
		}
		if !hasAlnum(s) {
			if s == "." || s == "!" || s == "?" || s == "…" || strings.HasSuffix(s, ".") {
				prevTerminal = true
			}
			continue
		}
		if len(s) > maxWordBytes {
			prevTerminal = false
			continue
		}
		r, _ := utf8.DecodeRuneInString(s)
		first := prevTerminal
		if len(a.Sentences) > 0 {
			first = starts[i]
		}
		out = append(out, word{text: s, lower: strings.ToLower(s), capital: unicode.IsUpper(r), sentStart: first})
		prevTerminal = false
	}
	return out
}

func hasAlnum(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func isNumber(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// stem strips the commonest English inflections so that "strike",
// "strikes" and "striking" share a term. It is crude on purpose: the same
// word always gets the same stem, which is all the similarity needs.
func stem(w string) string {
	w = strings.TrimSuffix(w, "'s")
	w = strings.TrimSuffix(w, "’s")
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 6 && strings.HasSuffix(w, "ing"):
		return strings.TrimSuffix(w[:n-3], "e")
	case n > 5 && strings.HasSuffix(w, "ed"):
		return strings.TrimSuffix(w[:n-2], "e")
	case n > 4 && strings.HasSuffix(w, "es") && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "xes")):
		return w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		return strings.TrimSuffix(w[:n-1], "e")
	case n > 4 && strings.HasSuffix(w, "e"):
		return w[:n-1]
	}
	return w
}

// termCounts returns the article's terms (kind-prefixed keys) with their
// counts, and which of them are names. Content words are lower-cased and
// stemmed; a capitalised word is a name when it is written with a capital
// in mid-sentence somewhere in the article, or opens a sentence and never
// appears in lower case. A single name word shares its key with the
// lower-case word (so that articles agree on keys whatever their casing);
// a run of name words is also kept whole as one name term. Actor codes and
// person names of a.Mentions are actor terms.
func termCounts(a *model.Article, ws []word) (counts map[string]int, names map[string]bool) {
	counts = map[string]int{}
	names = map[string]bool{}
	midCap := map[string]bool{}
	lower := map[string]bool{}
	for _, w := range ws {
		if w.capital && !w.sentStart {
			midCap[w.lower] = true
		}
		if !w.capital {
			lower[w.lower] = true
		}
	}
	isName := func(w word) bool {
		if !w.capital || stopword(w.lower) || isNumber(w.lower) {
			return false
		}
		return !w.sentStart || midCap[w.lower] || !lower[w.lower]
	}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		if isName(w) {
			j := i
			for j < len(ws) && j-i < 4 && isName(ws[j]) && (j == i || !ws[j].sentStart) {
				k := string(kindWord) + ":" + stem(ws[j].lower)
				counts[k]++
				names[k] = true
				j++
			}
			if j-i > 1 {
				var b strings.Builder
				b.WriteByte(kindName)
				b.WriteByte(':')
				for k := i; k < j; k++ {
					if k > i {
						b.WriteByte(' ')
					}
					b.WriteString(ws[k].lower)
				}
				counts[b.String()]++
				names[b.String()] = true
			}
			i = j - 1
			continue
		}
		if len(w.lower) < 3 || stopword(w.lower) || isNumber(w.lower) {
			continue
		}
		counts[string(kindWord)+":"+stem(w.lower)]++
	}
	for _, m := range a.Mentions {
		if m.Actor != "" {
			counts[string(kindActor)+":"+m.Actor]++
		}
		if m.Person != "" {
			counts[string(kindActor)+":"+strings.ToLower(m.Person)]++
		}
	}
	return counts, names
}

// stopword reports whether a lower-cased word carries no story: function
// words, reporting verbs and calendar words common to all news.
func stopword(w string) bool {
	_, ok := stopwords[w]
	return ok
}

var stopwords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`a about above after again against all also although am among an and another any are
aren't around as at be because been before being below between both but by can cannot could couldn't did didn't do
does doesn't doing don't down during each either else even ever every few for from further had hadn't has hasn't
have haven't having he he'd he'll he's her here here's hers herself him himself his how how's however i i'd i'll
i'm i've if in into is isn't it it's its itself just last least less let's like many may me might more most much
must mustn't my myself never new next no nor not now of off often on once one only or other others ought our ours
ourselves out over own per perhaps rather said same say saying says she she'd she'll she's should shouldn't since
so some still such than that that's the their theirs them themselves then there there's these they they'd they'll
they're they've this those though through thus to told too under until up upon us very via was wasn't we we'd
we'll we're we've were weren't what what's when when's where where's whether which while who who's whom whose why
why's will with within without won't would wouldn't yet you you'd you'll you're you've your yours yourself
yourselves mr mrs ms dr according added adding asked people time times year years week weeks day days month months
today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday january february march april june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec two three four
five six seven eight nine ten first second third former including told make made get got back well way part
report reported reports news statement spokesman spokeswoman think know want going take see go come came went`) {
		m[w] = struct{}{}
	}
	return m
}()
