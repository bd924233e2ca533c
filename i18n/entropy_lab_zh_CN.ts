<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Authoring</name>
    <message>
        <source>&amp;Edit this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;New lesson…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add this state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a lesson, or start a new one, to edit it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the lesson {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title of the lesson:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <source>Computed: −z_y + log Σ exp(z)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample {index}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <source>Add a sample to the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How it is computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logits, labels and per-sample losses of the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean cross-entropy loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean loss of the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per sample: L = −z&lt;sub&gt;y&lt;/sub&gt; + log Σ&lt;sub&gt;j&lt;/sub&gt; exp(z&lt;sub&gt;j&lt;/sub&gt;) (log-softmax, then the negative log-likelihood of the label).&lt;br&gt;The batch&apos;s loss is the mean over its samples.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove last sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the last sample of the batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the PyTorch example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset to the course&apos;s example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example: &lt;tt&gt;torch.manual_seed(100); logits = torch.rand(4, 5)&lt;/tt&gt;, labels &lt;tt&gt;[4, 3, 3, 2]&lt;/tt&gt;, &lt;tt&gt;nn.CrossEntropyLoss()(logits, labels)&lt;/tt&gt; = 1.5229846.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mean, written out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The per-sample loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the example comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} nats</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchPlots</name>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-entropy loss (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss per sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample {row}: {softmax} vs {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{losses}, dashed: their mean</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BinaryPage</name>
    <message>
        <source>%n steps per frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cross-entropy&apos;s gradient is &lt;b&gt;{ratio}&lt;/b&gt; squared error&apos;s here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient at z₀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label y, 0 or 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate of the race</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logit z of the sigmoid output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss, {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race, {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race: descent from z₀ until loss &lt; {threshold}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ratio of the gradients</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squared error&apos;s gradient is 0 here: no learning at all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps needed, {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The output: σ(z) against label y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dL/dz, {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logit z₀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss {value} (no unit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss {value} nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the race</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss} needs more than {limit} steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss}: counting… (more than {done})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{loss}: z = {z}, loss {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>σ(z₀) = {probability}: the output&apos;s probability of class 1; the label says {label}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BinaryPlots</name>
    <message>
        <source>Loss vs z: {losses} (CE in nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Race from z₀: loss vs step ({losses}), log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient-descent step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logit z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss = {threshold}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{cross_entropy} and {squared_error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|dL/dz|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|dL/dz| vs z (log scale): squared error vanishes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodePlots</name>
    <message>
        <source>Every outcome&apos;s codewords</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodesPage</name>
    <message>
        <source>&lt;b&gt;Extra bits&lt;/b&gt; for coding P&apos;s draws with Q&apos;s code: ∞, as D(P‖Q) = ∞: Q&apos;s codes have no codeword for an outcome P can give.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Extra bits&lt;/b&gt; per symbol for coding P&apos;s draws with Q&apos;s code instead of P&apos;s own: with the ideal lengths exactly D(P‖Q) = &lt;b&gt;{kl}&lt;/b&gt;; with Shannon&apos;s codes &lt;b&gt;{shannon}&lt;/b&gt;, within one bit of it (each code rounds up by less than a bit); with Huffman&apos;s codes {huffman} (never negative, no bound against D).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; A codeword is a whole number of bits, about −log₂ of its probability: rare outcomes get long words. Coding P&apos;s draws with Q&apos;s code costs more bits per symbol than with P&apos;s own; with Shannon&apos;s codes the average lands in [H(P,Q), H(P,Q) + 1) and the difference is within a bit of D(P‖Q). Huffman&apos;s code of Q is optimal only for Q: on P&apos;s draws it can miss H(P,Q) by more than a bit.&lt;br&gt;&lt;b&gt;Try next:&lt;/b&gt; on the Explorer make Q = [0.9, 0.05, 0.05] and P = [0.05, 0.05, 0.9]: Huffman&apos;s code of Q spends 2 bits where −log₂ q is 4.32.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;bits per symbol of P&apos;s draws&lt;/b&gt; ± 2 SE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;code&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;converges to&lt;/b&gt; Σ p·l</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;lengths&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;the claim that holds&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A tree is drawn for up to {most} outcomes; here K = {k}. The table lists every codeword.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Codeword lengths of {side}&apos;s codes (filled: Huffman, outlined: Shannon) and — −log₂ {other}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws from P, coded four ways</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra bits of Q&apos;s code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huffman&apos;s code of P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Huffman&apos;s code of Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K = {k} outcomes. Change P and Q on the Explorer: new codes, and the draws start again (Ctrl+Z brings these back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L = ∞ (q = 0 where p &gt; 0 at {which})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L ≥ {low} (P&apos;s own Huffman). Not within a bit of H(P,Q) in general: optimal for Q, not for P&apos;s draws.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last draws from P: {outcomes}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No draws yet: press Play or Draw 1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One draw from P, coded with each code (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P and Q: the Explorer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&apos;s draws coded with {q} and {p}: bits per symbol (solid: Shannon, dashed: Huffman; shaded: [H, H + 1))</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&apos;s own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P: Huffman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P: Shannon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q&apos;s codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q: Huffman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q: Shannon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shannon&apos;s code of P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shannon&apos;s code of Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The code the tree shows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The latest draws, coded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The tree of {code}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where P and Q come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits per symbol</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draws n (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ideal −log₂ p(x), no code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ideal −log₂ q(x), no code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>l = ⌈−log₂ p⌉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>l = ⌈−log₂ q⌉</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no draws yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: {side} = 0 (∞ bits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not whole numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimal for P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimal for Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lengths a code rounds up or down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tree of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mean} (± after 2 draws)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} ≤ L &lt; {target} + 1: both ∞ here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{target} ≤ L &lt; {target} + 1: {low} ≤ L &lt; {high} {mark}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∞ bits: no codeword</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∞: drew {which}, where q = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∞: drew {which}, which has no codeword (q = 0)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>--label and --smoothing go with --logits, not --p-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--lesson sets up the window itself: give it without --preset, --load or --metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--metrics needs --p and --q, or --logits (and --label), or --p-file, or --preset/--load</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--p, --q and --logits describe a scenario: give them instead of --preset or --load, not with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--p, --q and --logits go with --metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--p-file and the options with it go with --metrics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--p-file reads a next-token distribution: give it instead of --p, --q, --logits, --preset or --load, not with them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--q-file, --p-format, --q-format, --top-k, --top-p and --min-p go with --p-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--q-format goes with --q-file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--step and --reveal go with --lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>--step must be a whole number from 1 to {count} for the lesson {name}, got {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Examples: {examples}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move sliders and watch entropy, KL divergence, cross-entropy and softmax losses respond live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One or two models&apos; next-token distributions from files (.npy, .csv with value or token,value lines, .json), reshaped by --temperature and truncation as a decoder would, in that order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits (default) or nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write the output: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each side of --size must lie in {low}–{high} pixels, got {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entropy-lab: error: {message}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --metrics or --export, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>give --preset or --load, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep the K most probable tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep the fewest most probable tokens holding at least P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keep tokens at least M times as probable as the most probable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label smoothing ε</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>language of the window and of messages: en (English) or zh_CN (Simplified Chinese); default: the last choice, else the system&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lecture mode: full screen, large type, high contrast</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logits (default: zeros)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model P&apos;s next-token distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model Q&apos;s, over the same vocabulary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next-token distributions (with --metrics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>numbers without a window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open a guided lesson: a bundled one by name (see --list-lessons) or a lesson file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open a preset (see --list-presets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open a saved session (.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pictures for slides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print each bundled lesson&apos;s name, steps and title (tab-separated) and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print every readout as JSON and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print the preset names and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quit once the window has painted, printing how long that took (a start-up check)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>render the window to FILE.png or FILE.svg without showing it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show the lesson step&apos;s answer (with --lesson; otherwise it is withheld)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>size must look like 1600x1000, got {text}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>softmax temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the installation is damaged: {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the lesson&apos;s step to show, from 1 (with --lesson)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true class (default 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown lesson {name}; known: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown preset {name}; known: {known}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights of P, e.g. 0.7,0.3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weights of Q, e.g. 0.5,0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what to open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>what {option} holds (default: auto, detected where the values leave no doubt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window size for --export (default 1600x1000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrote {path} at {width}x{height}, the smallest size the window allows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{option} needs a value, got an empty one</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <source>{field} has an unknown language {language}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} is longer than {limit} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} must be non-empty text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} needs an English text (en)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DecodingControls</name>
    <message>
        <source>Min-p on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Min-p: the share of the top probability a token needs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Temperature of {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-k on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p on or off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Top-p: the share of probability kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k: the tokens top-k keeps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>temperature T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-p</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>D(P‖Q) of this fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D(Q‖P) of this fit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q&apos;s mass near peak 1: &lt;b&gt;{one}&lt;/b&gt;, near peak 2: &lt;b&gt;{two}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The peaks coincide: P has one peak.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step since P last changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{divergence} (nats)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{divergence} vs step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{divergence}, &lt;b&gt;minimised&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{divergence}, not fitted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} and {q} (one Gaussian bump)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ = {mu}, σ = {sigma} bins · {status}&lt;br&gt;{masses}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>μ, σ and masses</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FittingPage</name>
    <message>
        <source>Both fits side by side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Both fits: {where}: μ = {mu}, σ = {sigma} bins.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default peaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Default start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward KL: minimise D(P‖Q), mode covering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward fit only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent on (μ, log σ)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Height of peak {peak}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New random start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P keeps its last shape: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Position of peak {peak}, in bins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put P&apos;s peaks back to their default shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart both fits from a new random start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart both fits from the default start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse KL: minimise D(Q‖P), mode seeking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reverse fit only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next seed: the start is reproducible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where both fits start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which fits to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Width of peak {peak}, in bins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>both fits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>height {peak}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>peak {peak} at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>random start, &lt;b&gt;seed {seed}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step} · both converged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>width {peak}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>(not installed: run from the source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click a number, F2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter / Esc</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move sliders and watch entropy, KL divergence, cross-entropy and softmax losses respond live.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nudge the focused slider</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take / cancel a typed value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a value exactly</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyboardSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LabelledSlider</name>
    <message>
        <source>{control}: value</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Labs</name>
    <message>
        <source>1 draw per second</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws per second while playing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed of the draws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q cannot be drawn from: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q cannot be evaluated: {error}. Showing the last P and Q.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q have {k} outcomes; this lab draws from at most {most} (a session keeps every outcome&apos;s count). Pick a family with fewer outcomes there. Showing the last P and Q.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome {index}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcomes {first} and {last}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcomes {first} and {more} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{rate} draws per second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonController</name>
    <message>
        <source>&amp;Bundled lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open lesson file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the lesson&apos;s step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot compute: {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget my answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal: {goal}. Now: {now}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move only what the task says: {moved} changed. Back to the lesson starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (or preset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No steps yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened the lesson {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (or preset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up the window, then add the current state as a step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the first preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the last preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is {where} step of the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{number}. {title} ({steps} steps)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer option</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answered right: {correct} of {answered} ({questions} questions)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the lesson&apos;s step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the lesson: the window keeps its state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (Page Down)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next step (Page Down, → or ↓)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (Page Up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous step (Page Up, ← or ↑)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reveal the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the count-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer: {answer}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time&apos;s up: reveal when ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You are exploring: the window differs from the step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no count-down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your estimate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s to think</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source>?  Answer first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hidden until you answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Losses</name>
    <message>
        <source>Cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>squared error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A &amp;tour of the window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave lecture mode and full screen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelReadouts</name>
    <message>
        <source>D(model ‖ truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D(truncated ‖ model) = −log(1 − cut)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JS(model, truncated)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why ∞</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>entropy H, before → after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mass cut off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>perplexity, before → after</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tokens kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <source>, no strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {model} from a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import {model} from the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {model}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste {model}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the bundled example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The example&apos;s tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What an imported file holds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where it came from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>detect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log-probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>logits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the bundled example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>values are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kind}, detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark}: none (one model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mark}: {where} · {size} tokens · {how}{strings}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{size} tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextTokenPage</name>
    <message numerus="yes">
        <source>%Ln cut by {other}&apos;s truncation</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln impossible for {other} (−∞ logits)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to %Ln tokens that {model} can emit ({mass} of its probability).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Decode Q with P&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding P (and Q while linked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decoding Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distributions (*.npy *.csv *.tsv *.txt *.json);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jensen–Shannon: symmetric and finite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL divergence of the truncated models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KL divergence the other way round</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open {model}&apos;s next-token distribution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q uses P&apos;s settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The clipboard holds no text to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whose top tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>one model: import or show a Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{before} → {after}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{before} → {after} {units}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{kept} of {possible}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{model}&apos;s top tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} was not imported as {model}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>∞: {other}̃ gives probability 0 to %Ln tokens that {keeper}̃ keeps ({causes}), such as {token}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeAxis</name>
    <message>
        <source>{axis} rank (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Nothing left to play: reset (or change a setting) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing left to step: reset (or change a setting) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to play on this page: its numbers follow every edit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PairReadout</name>
    <message>
        <source>Why it is infinite</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>One gradient step (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One step of {what} (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play or pause {what} (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset {what}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>id must be lower-case words joined by hyphens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>key must be 1 to 9 or null, got {key}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preset {index}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>preset {index} ({id})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>version must be {version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: key {key} is used by both {one} and {other}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: the id {id} appears twice</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RankPlot</name>
    <message>
        <source>Probability by rank, log–log: {p} solid, {q} dashed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rank (1 = most probable)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shaded: the tail the truncation cuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SamplingPage</name>
    <message>
        <source> (draws: {value})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 (unbiased)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; its mean → {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; Each draw&apos;s information jumps about; its running mean settles on the exact value, and the ±2 SE band around it shrinks as 1/√n: 100 times the draws, a tenth of the width. −log q(x) = −log p(x) + log p(x)/q(x) draw by draw, so H(P,Q) = H(P) + D(P‖Q). k1 can go negative on a single draw; k2 and k3 never do; k3 is unbiased with the smallest variance when Q is close to P.&lt;br&gt;&lt;b&gt;Try next:&lt;/b&gt; make Q miss an outcome of P on the Explorer and watch −log q(x) hit ∞ the first time it is drawn.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;bias&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;converges to&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;drawn from&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;each draw&apos;s value&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;running mean ± 2 SE&lt;/b&gt; ({units})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;variance of one draw&lt;/b&gt; ({units}²)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from each of P and Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draw 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws from P and, in step, from Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draws so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the values are computed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>K = {k} outcomes. Change P and Q on the Explorer: the run starts again from its first draw (Ctrl+Z brings this one back).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One draw from P and one from Q (.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P = 0 where Q &gt; 0 at {which}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P and Q: the Explorer&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Q = 0 where P &gt; 0 at {which}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running means ± 2 SE of draws from P → {targets}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last draws from P: {values}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last draws from Q: {ks}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where P and Q come from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draw (0 = the latest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>draws n (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k1 = −log r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k1, k2, k3 use r = p(x)/q(x) with x drawn from &lt;b&gt;Q&lt;/b&gt;, so they estimate D(Q‖P) (Schulman&apos;s convention), computed with the natural log; in bits each is divided by ln 2, so k2 is (ln r)²/(2 ln 2), not (log₂ r)²/2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k2 = ½(log r)²</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>k3 = (r − 1) − log r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log p(x)/q(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no draws yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none defined (∞)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x ~ {source}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ks} ± 2 SE from draws of Q → D(Q‖P)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mean} (± after 2 draws)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{p} and {q}; ○ ■ their shares of the draws</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−log p(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>−log q(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∞: drew {which} from Q, where p = 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∞: drew {which}, where q = 0</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionTitle</name>
    <message>
        <source>Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}[*] — Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>(nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the current state as a step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caption</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Is it zero, finite or infinite?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the controls until the goal is reached.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to look at, in a sentence or two</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which is largest?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (shown with the answer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>compare a third</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>moving only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right within ±</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>until it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StepEditor</name>
    <message>
        <source>Add the current state as a step…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All changes saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit this lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save lesson as…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The lesson&apos;s steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TopTokensModel</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The source gave no token strings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{other} kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{own} at T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{own} kept</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>A tour of Entropy Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drag a bar to set its weight and hover for its numbers. Ctrl+1 to Ctrl+5 hide or show plots; Alt+Right shows the next ones when not all fit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every number follows at once: both entropies, the cross-entropies, KL divergence both ways, JS and the loss. An infinite value says why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F1 lists every key. This tour is in the Help menu whenever you want it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F11: full screen, large type, thick bars and high contrast for the projector. Esc leaves it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lecture mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set P and Q, the logits, the temperature and the true class here. Double-click any number beside a slider to type it exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip tour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The controls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The course&apos;s worked examples, on keys 1 to 9. Each explains what to look at and what to try next.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The plots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The readouts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; Cross-entropy&apos;s bar for the true class is (q&lt;sub&gt;y&lt;/sub&gt; − y&lt;sub&gt;y&lt;/sub&gt;)/T and every other bar is q&lt;sub&gt;j&lt;/sub&gt;/T: it pushes the true logit up and the others down, each by its own probability. Squared error&apos;s bars mix all the errors, can push a small wrong class &lt;i&gt;up&lt;/i&gt;, and carry the factor q, so a true class the model gives almost nothing barely moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent: z ← z − lr·∂L/∂z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the temperature enters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss and true-class gradient, {loss}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P (linked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start: the explorer&apos;s scenario</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The explorer is in family mode, which has no logits to train: switch it to one slider per outcome. Showing the last start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The explorer&apos;s scenario cannot be trained: {error}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The explorer&apos;s scenario cannot be trained: {error}. Showing the last start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the training starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss &lt;b&gt;{value}&lt;/b&gt; (no unit)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loss &lt;b&gt;{value}&lt;/b&gt; nats</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>q = softmax(z/T), y = the (smoothed) target. Step {step}: each step moves z by −lr·∂L/∂z, and every gradient carries 1/T (here T = {t}, lr = {lr}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>z = [{logits}]&lt;br&gt;true class {label}, target {target}, T = {t}, ε = {epsilon}&lt;br&gt;&lt;i&gt;Reset reads the explorer again.&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each model&apos;s cross-entropy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each model&apos;s q of the true class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gradient-descent step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nats (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{gradient} per logit ({loss})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{softmax} vs {target}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>∂L/∂z (per unit of z)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>options</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>usage: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <source>Top tokens</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
