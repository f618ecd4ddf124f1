package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/sitrep/sitrep/internal/model"
)

// Replicate returns the i-th of a stream of documents made from base by
// realistic perturbation, for scale and memory tests: copy i of base
// document i%len(base) keeps the text but drops or repeats a paragraph,
// swaps some numbers and adds a dated update line, so that copies differ
// (their content hashes are distinct) while staying real news text. The
// same i always gives the same document; nothing is kept between calls.
func Replicate(base []model.Document, i int) model.Document {
	d := base[i%len(base)]
	round := i / len(base)
	if round == 0 {
		return d
	}
	r := rand.New(rand.NewPCG(uint64(i), 0x5eed))
	paras := strings.Split(d.Raw, "\n\n")
	if len(paras) > 3 {
		j := 1 + r.IntN(len(paras)-1)
		if r.IntN(2) == 0 {
			paras = append(paras[:j:j], paras[j+1:]...) // drop one
		} else {
			paras = append(paras[:j:j], append([]string{paras[j-1]}, paras[j:]...)...) // repeat one
		}
	}
	text := strings.Join(paras, "\n\n")
	// Swap digits so that figures differ between outlets' versions.
	b := []byte(text)
	for k := range b {
		if b[k] >= '0' && b[k] <= '9' && r.IntN(4) == 0 {
			b[k] = byte('0' + r.IntN(10))
		}
	}
	text = string(b) + fmt.Sprintf("\n\nThis report was updated in edition %d of the wire.", round)
	return model.Document{Path: fmt.Sprintf("%s#%d", d.Path, round), Format: d.Format, Container: d.Container, Raw: text, Meta: d.Meta}
}
