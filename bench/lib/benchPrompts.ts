/** The prompts every bench sends, in turn: short story openings both bench models continue. */
const prompts = [
    "Once upon a time, there was a little girl named Lily.",
    "Tom had a red ball. One day he went to the park",
    "The sun was shining and the birds were singing.",
    "A big dog lived in a small house near the river.",
    "Sara wanted to bake a cake for her mom.",
    "In the forest, a tiny rabbit found a shiny stone.",
    "Max and his friend Ben liked to play with blocks.",
    "One morning, the cat woke up and saw the snow."
];

/** The `index`-th prompt, round and round. */
export const promptFor = (index: number) => prompts[index % prompts.length]!;
