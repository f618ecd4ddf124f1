package syntax

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// GoldWord is one syntactic word of a CoNLL-U sentence.
type GoldWord struct {
	Form, Lemma, UPOS, XPOS string
	// Head is the index of the head word in the sentence, or -1 for the
	// root.
	Head int
	// Rel is the dependency relation, subtypes included ("nsubj:pass").
	Rel string
	// Token indexes GoldSentence.Tokens: the surface token the word belongs
	// to (several words share a multi-word token such as "don't").
	Token int
	// Start and End are the word's byte offsets in the sentence's text,
	// or -1 when unknown: a word of a multi-word token has its own span
	// only when the words spell the token ("do" + "n't" = "don't").
	Start, End int
}

// GoldToken is one surface token of a CoNLL-U sentence: a plain word or a
// multi-word token range. Start and End are byte offsets into the
// sentence's text, or -1 when the form could not be found in it.
type GoldToken struct {
	Form       string
	Start, End int
}

// GoldSentence is one sentence read from CoNLL-U.
type GoldSentence struct {
	ID, Text string
	Words    []GoldWord
	Tokens   []GoldToken
}

// ReadCoNLLUFile reads every sentence of a CoNLL-U file.
func ReadCoNLLUFile(path string) ([]GoldSentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadCoNLLU(f)
}

// ReadCoNLLU reads CoNLL-U sentences. Empty nodes (decimal IDs) are
// skipped; multi-word token lines become GoldTokens whose words point to
// them. Token offsets are found by locating each surface form in the
// "# text" comment, in order.
func ReadCoNLLU(r io.Reader) ([]GoldSentence, error) {
	var (
		out    []GoldSentence
		cur    GoldSentence
		mwtEnd int // last word ID covered by the current multi-word token
		lineNo int
	)
	flush := func() error {
		if len(cur.Words) == 0 {
			cur = GoldSentence{}
			return nil
		}
		for i, w := range cur.Words {
			if w.Head < -1 || w.Head >= len(cur.Words) {
				return fmt.Errorf("line %d: sentence %s: word %d has head %d out of range", lineNo, cur.ID, i+1, w.Head+1)
			}
		}
		locateTokens(&cur)
		out = append(out, cur)
		cur = GoldSentence{}
		mwtEnd = 0
		return nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		lineNo++
		line := sc.Text()
		if line == "" {
			if err := flush(); err != nil {
				return nil, err
			}
			continue
		}
		if line[0] == '#' {
			if v, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				cur.ID = v
			} else if v, ok := strings.CutPrefix(line, "# text = "); ok {
				cur.Text = v
			}
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return nil, fmt.Errorf("line %d: want 10 columns, got %d", lineNo, len(cols))
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // empty node of the enhanced graph
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			_, err1 := strconv.Atoi(a)
			end, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("line %d: bad range %q", lineNo, id)
			}
			mwtEnd = end
			cur.Tokens = append(cur.Tokens, GoldToken{Form: cols[1], Start: -1, End: -1})
			continue
		}
		n, err := strconv.Atoi(id)
		if err != nil || n != len(cur.Words)+1 {
			return nil, fmt.Errorf("line %d: bad word id %q", lineNo, id)
		}
		head, err := strconv.Atoi(cols[6])
		if err != nil {
			return nil, fmt.Errorf("line %d: bad head %q", lineNo, cols[6])
		}
		if n > mwtEnd {
			cur.Tokens = append(cur.Tokens, GoldToken{Form: cols[1], Start: -1, End: -1})
		}
		cur.Words = append(cur.Words, GoldWord{
			Form: cols[1], Lemma: cols[2], UPOS: cols[3], XPOS: cols[4],
			Head: head - 1, Rel: cols[7], Token: len(cur.Tokens) - 1,
		})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return out, nil
}

// locateTokens sets the byte offsets of s's tokens and words in s.Text.
func locateTokens(s *GoldSentence) {
	defer locateWords(s)
	off := 0
	for i := range s.Tokens {
		t := &s.Tokens[i]
		j := strings.Index(s.Text[off:], t.Form)
		if j < 0 || strings.TrimSpace(s.Text[off:off+j]) != "" {
			continue
		}
		t.Start, t.End = off+j, off+j+len(t.Form)
		off = t.End
	}
}

// locateWords sets word offsets from token offsets.
func locateWords(s *GoldSentence) {
	for i := 0; i < len(s.Words); {
		t := s.Tokens[s.Words[i].Token]
		j := i
		var concat strings.Builder
		for j < len(s.Words) && s.Words[j].Token == s.Words[i].Token {
			concat.WriteString(s.Words[j].Form)
			j++
		}
		ok := t.Start >= 0 && concat.String() == t.Form
		off := t.Start
		for k := i; k < j; k++ {
			w := &s.Words[k]
			w.Start, w.End = -1, -1
			if ok {
				w.Start, w.End = off, off+len(w.Form)
				off = w.End
			}
		}
		i = j
	}
}
