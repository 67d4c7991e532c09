/**
 * Text features for everything that learns from recommendation texts: label suggestions, and
 * recurrence and duplicate detection. The API is small on purpose and kept stable:
 *
 *   normalise(text)            folded text, treaties and committees as one token each (normalise.ts)
 *   tokenise(normalised)       its words
 *   TextVectoriser.fit(docs)   TF-IDF over hashed word 1–2-grams and character 3–5-grams;
 *     .fitTransform(docs)      the same, with each document's vector
 *     .transform(doc)          a unit-length SparseVector
 *     .serialise() / TextVectoriser.deserialise(bytes)
 *   cosine(a, b), dot(a, b)    similarity of two SparseVectors (dot = cosine for unit vectors)
 *
 * A document is { text, language? }; the language (en, es, fr, pt) only picks the stemmer. Texts
 * in different languages share one space: character n-grams carry most of what they have in
 * common (a Spanish text's nearest English neighbour), words carry the rest.
 */
export { analyse, DEFAULT_FEATURE_OPTIONS, type FeatureOptions, stemmerOf, type TextDocument, TextVectoriser } from './features';
export { DEFAULT_LEXICON_OPTIONS, type Lexicon, type LexiconOptions, learnLexicon, type ParallelText } from './lexicon';
export { foldText, isTreatyToken, normalise, TREATY_TOKENS, type TreatyToken, tokenise } from './normalise';
export { cosine, dot, fromEntries, keepLargest, l2Normalise, norm, type SparseVector } from './vector';
