/**
 * The hand-computed example shared by the family tests.
 *
 * Text: "The cat sat. The cat ran! A dog barked loudly today?"
 * Words (N = 11): the cat sat | the cat ran | a dog barked loudly today
 * Sentences: lengths [3, 3, 5], starts at words [0, 3, 6]
 * Vocabulary (V = 9): the x2, cat x2, sat, ran, a, dog, barked, loudly, today (V1 = 7 used once)
 */
export const EXAMPLE = 'The cat sat. The cat ran! A dog barked loudly today?';
