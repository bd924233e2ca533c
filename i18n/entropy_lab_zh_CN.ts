<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Entropy Lab</source>
        <translation>关于 Entropy Lab</translation>
    </message>
</context>
<context>
    <name>Authoring</name>
    <message>
        <source>&amp;Edit this lesson</source>
        <translation>编辑此课程(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;New lesson…</source>
        <translation>新建课程(&amp;N)…</translation>
    </message>
    <message>
        <source>Cannot add this state</source>
        <translation>无法添加此状态</translation>
    </message>
    <message>
        <source>Could not save the lesson</source>
        <translation>无法保存课程</translation>
    </message>
    <message>
        <source>New lesson</source>
        <translation>新建课程</translation>
    </message>
    <message>
        <source>Open a lesson, or start a new one, to edit it</source>
        <translation>打开一个课程或新建一个课程，即可编辑</translation>
    </message>
    <message>
        <source>Save lesson</source>
        <translation>保存课程</translation>
    </message>
    <message>
        <source>Saved the lesson {path}</source>
        <translation>已保存课程 {path}</translation>
    </message>
    <message>
        <source>Title of the lesson:</source>
        <translation>课程标题：</translation>
    </message>
</context>
<context>
    <name>BatchModel</name>
    <message>
        <source>Computed: −z_y + log Σ exp(z)</source>
        <translation>计算方式：−z_y + log Σ exp(z)</translation>
    </message>
    <message>
        <source>label y</source>
        <translation>标签 y</translation>
    </message>
    <message>
        <source>loss (nats)</source>
        <translation>损失（奈特）</translation>
    </message>
    <message>
        <source>sample {index}</source>
        <translation>样本 {index}</translation>
    </message>
</context>
<context>
    <name>BatchPage</name>
    <message>
        <source>A batch holds at most {n} samples here.</source>
        <translation>这里一个批次最多有 {n} 个样本。</translation>
    </message>
    <message>
        <source>A batch needs at least one sample.</source>
        <translation>一个批次至少要有一个样本。</translation>
    </message>
    <message>
        <source>Add a sample to the batch</source>
        <translation>向批次添加一个样本</translation>
    </message>
    <message>
        <source>Add sample</source>
        <translation>添加样本</translation>
    </message>
    <message>
        <source>Edit the batch</source>
        <translation>编辑批次</translation>
    </message>
    <message>
        <source>How it is computed</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Logits, labels and per-sample losses of the batch</source>
        <translation>批次的 logits、标签和每个样本的损失</translation>
    </message>
    <message>
        <source>Mean cross-entropy loss</source>
        <translation>平均交叉熵损失</translation>
    </message>
    <message>
        <source>Mean loss of the batch</source>
        <translation>批次的平均损失</translation>
    </message>
    <message>
        <source>Per sample: L = −z&lt;sub&gt;y&lt;/sub&gt; + log Σ&lt;sub&gt;j&lt;/sub&gt; exp(z&lt;sub&gt;j&lt;/sub&gt;) (log-softmax, then the negative log-likelihood of the label).&lt;br&gt;The batch&apos;s loss is the mean over its samples.</source>
        <translation>每个样本：L = −z&lt;sub&gt;y&lt;/sub&gt; + log Σ&lt;sub&gt;j&lt;/sub&gt; exp(z&lt;sub&gt;j&lt;/sub&gt;)（先取 log-Softmax，再取标签的负对数似然）。&lt;br&gt;批次的损失是所有样本损失的平均值。</translation>
    </message>
    <message>
        <source>Remove last sample</source>
        <translation>删除最后一个样本</translation>
    </message>
    <message>
        <source>Remove the last sample of the batch</source>
        <translation>删除批次中的最后一个样本</translation>
    </message>
    <message>
        <source>Reset to the PyTorch example</source>
        <translation>重置为 PyTorch 示例</translation>
    </message>
    <message>
        <source>Reset to the course&apos;s example</source>
        <translation>重置为课程中的示例</translation>
    </message>
    <message>
        <source>Sample {row}, label: {reason}; kept {kept}.</source>
        <translation>样本 {row} 的标签：{reason}；保留 {kept}。</translation>
    </message>
    <message>
        <source>Sample {row}, logit z{column}: {reason}; kept {kept}.</source>
        <translation>样本 {row} 的 logit z{column}：{reason}；保留 {kept}。</translation>
    </message>
    <message>
        <source>The example: &lt;tt&gt;torch.manual_seed(100); logits = torch.rand(4, 5)&lt;/tt&gt;, labels &lt;tt&gt;[4, 3, 3, 2]&lt;/tt&gt;, &lt;tt&gt;nn.CrossEntropyLoss()(logits, labels)&lt;/tt&gt; = 1.5229846.</source>
        <translation>示例：&lt;tt&gt;torch.manual_seed(100); logits = torch.rand(4, 5)&lt;/tt&gt;，标签 &lt;tt&gt;[4, 3, 3, 2]&lt;/tt&gt;，&lt;tt&gt;nn.CrossEntropyLoss()(logits, labels)&lt;/tt&gt; = 1.5229846。</translation>
    </message>
    <message>
        <source>The mean, written out</source>
        <translation>平均值的展开式</translation>
    </message>
    <message>
        <source>The per-sample loss</source>
        <translation>每个样本的损失</translation>
    </message>
    <message>
        <source>Where the example comes from</source>
        <translation>示例的出处</translation>
    </message>
    <message>
        <source>class {shown} does not exist: labels run from 0 to {last}</source>
        <translation>类别 {shown} 不存在：标签从 0 到 {last}</translation>
    </message>
    <message>
        <source>{shown} is outside [{low}, {high}]</source>
        <translation>{shown} 超出了 [{low}, {high}]</translation>
    </message>
    <message>
        <source>{value} nats</source>
        <translation>{value} 奈特</translation>
    </message>
    <message>
        <source>“{shown}” is not a finite number</source>
        <translation>“{shown}”不是有限的数</translation>
    </message>
    <message>
        <source>“{shown}” is not a number</source>
        <translation>“{shown}”不是数字</translation>
    </message>
    <message>
        <source>“{shown}” is not a whole number</source>
        <translation>“{shown}”不是整数</translation>
    </message>
</context>
<context>
    <name>BatchPlots</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>cross-entropy loss (nats)</source>
        <translation>交叉熵损失（奈特）</translation>
    </message>
    <message>
        <source>label {label}</source>
        <translation>标签 {label}</translation>
    </message>
    <message>
        <source>loss per sample</source>
        <translation>每个样本的损失</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>sample {row}: {softmax} vs {label}</source>
        <translation>样本 {row}：{softmax} 与 {label}</translation>
    </message>
    <message>
        <source>{losses}, dashed: their mean</source>
        <translation>{losses}，虚线：其平均值</translation>
    </message>
</context>
<context>
    <name>BinaryPage</name>
    <message numerus="yes">
        <source>%n steps per frame</source>
        <translation>
            <numerusform>每帧 %n 步</numerusform>
        </translation>
    </message>
    <message>
        <source>A new setting: the race starts again from z₀ at step 0 (Ctrl+Z: back to step {step}).</source>
        <translation>设置已改：竞赛从 z₀ 的第 0 步重新开始（Ctrl+Z：回到第 {step} 步）。</translation>
    </message>
    <message>
        <source>Cross-entropy&apos;s gradient is &lt;b&gt;{ratio}×&lt;/b&gt; squared error&apos;s here.</source>
        <translation>此处交叉熵的梯度是平方误差梯度的 &lt;b&gt;{ratio}&lt;/b&gt; 倍。</translation>
    </message>
    <message>
        <source>Gradient at z₀</source>
        <translation>z₀ 处的梯度</translation>
    </message>
    <message>
        <source>Label y, 0 or 1</source>
        <translation>标签 y，0 或 1</translation>
    </message>
    <message>
        <source>Learning rate of the race</source>
        <translation>竞赛的学习率</translation>
    </message>
    <message>
        <source>Logit z of the sigmoid output</source>
        <translation>Sigmoid 输出的 logit z</translation>
    </message>
    <message>
        <source>Loss, {loss}</source>
        <translation>损失，{loss}</translation>
    </message>
    <message>
        <source>Predicted probability</source>
        <translation>预测概率</translation>
    </message>
    <message>
        <source>Race, {loss}</source>
        <translation>竞赛，{loss}</translation>
    </message>
    <message>
        <source>Race: descent from z₀ until loss &lt; {threshold}</source>
        <translation>竞赛：从 z₀ 开始梯度下降，直到损失 &lt; {threshold}</translation>
    </message>
    <message>
        <source>Ratio of the gradients</source>
        <translation>梯度之比</translation>
    </message>
    <message>
        <source>Squared error&apos;s gradient is 0 here: no learning at all.</source>
        <translation>此处平方误差的梯度为 0：完全不学习。</translation>
    </message>
    <message>
        <source>Steps needed, {loss}</source>
        <translation>所需步数，{loss}</translation>
    </message>
    <message>
        <source>Steps per frame</source>
        <translation>每帧步数</translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation>已走步数</translation>
    </message>
    <message>
        <source>The output: σ(z) against label y</source>
        <translation>输出：σ(z) 与标签 y</translation>
    </message>
    <message>
        <source>dL/dz, {loss}</source>
        <translation>dL/dz，{loss}</translation>
    </message>
    <message>
        <source>label y</source>
        <translation>标签 y</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>logit z₀</source>
        <translation>logit z₀</translation>
    </message>
    <message>
        <source>loss {value} (no unit)</source>
        <translation>损失 {value}（无单位）</translation>
    </message>
    <message>
        <source>loss {value} nats</source>
        <translation>损失 {value} 奈特</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>the race</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <source>{loss} needs &lt;b&gt;{count}&lt;/b&gt; steps</source>
        <translation>{loss} 需要 &lt;b&gt;{count}&lt;/b&gt; 步</translation>
    </message>
    <message>
        <source>{loss} needs more than {limit} steps.</source>
        <translation>{loss} 需要超过 {limit} 步。</translation>
    </message>
    <message>
        <source>{loss}: counting… (more than {done})</source>
        <translation>{loss}：计数中…（已超过 {done}）</translation>
    </message>
    <message>
        <source>{loss}: z = {z}, loss {value}</source>
        <translation>{loss}：z = {z}，损失 {value}</translation>
    </message>
    <message>
        <source>σ(z₀) = {probability}: the output&apos;s probability of class 1; the label says {label}.</source>
        <translation>σ(z₀) = {probability}：输出为类别 1 的概率；标签为 {label}。</translation>
    </message>
</context>
<context>
    <name>BinaryPlots</name>
    <message>
        <source>Loss vs z: {losses} (CE in nats)</source>
        <translation>损失随 z 的变化：{losses}（交叉熵以奈特计）</translation>
    </message>
    <message>
        <source>Race from z₀: loss vs step ({losses}), log scale</source>
        <translation>从 z₀ 开始的竞赛：损失随步数的变化（{losses}），对数坐标</translation>
    </message>
    <message>
        <source>gradient-descent step</source>
        <translation>梯度下降步</translation>
    </message>
    <message>
        <source>logit z</source>
        <translation>logit z</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss = {threshold}</source>
        <translation>损失 = {threshold}</translation>
    </message>
    <message>
        <source>{cross_entropy} and {squared_error}</source>
        <translation>{cross_entropy} 与 {squared_error}</translation>
    </message>
    <message>
        <source>|dL/dz|</source>
        <translation>|dL/dz|</translation>
    </message>
    <message>
        <source>|dL/dz| vs z (log scale): squared error vanishes</source>
        <translation>|dL/dz| 随 z 的变化（对数坐标）：平方误差的梯度消失</translation>
    </message>
</context>
<context>
    <name>CaptionBar</name>
    <message>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Caption for the room</source>
        <translation>给全场的字幕</translation>
    </message>
    <message>
        <source>Type a caption for the room; Enter or Esc goes back to the page</source>
        <translation>输入给全场看的字幕；按 Enter 或 Esc 返回页面</translation>
    </message>
</context>
<context>
    <name>CodePlots</name>
    <message>
        <source>Every outcome&apos;s codewords</source>
        <translation>每个结果的码字</translation>
    </message>
</context>
<context>
    <name>CodesPage</name>
    <message>
        <source>&lt;b&gt;Extra bits&lt;/b&gt; for coding P&apos;s draws with Q&apos;s code: ∞, as D(P‖Q) = ∞: Q&apos;s codes have no codeword for an outcome P can give.</source>
        <translation>用 Q 的编码对 P 的样本编码的&lt;b&gt;额外比特&lt;/b&gt;：∞，因为 D(P‖Q) = ∞：Q 的编码没有为 P 可能给出的某个结果分配码字。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Extra bits&lt;/b&gt; per symbol for coding P&apos;s draws with Q&apos;s code instead of P&apos;s own: with the ideal lengths exactly D(P‖Q) = &lt;b&gt;{kl}&lt;/b&gt;; with Shannon&apos;s codes &lt;b&gt;{shannon}&lt;/b&gt;, within one bit of it (each code rounds up by less than a bit); with Huffman&apos;s codes {huffman} (never negative, no bound against D).</source>
        <translation>用 Q 的编码而不是 P 自己的编码对 P 的样本编码时，每个符号的&lt;b&gt;额外比特&lt;/b&gt;：按理想码长恰好为 D(P‖Q) = &lt;b&gt;{kl}&lt;/b&gt;；按香农编码为 &lt;b&gt;{shannon}&lt;/b&gt;，与之相差不到一比特（每个码长向上取整不到一比特）；按霍夫曼编码为 {huffman}（从不为负，但与 D 之间没有界）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; A codeword is a whole number of bits, about −log₂ of its probability: rare outcomes get long words. Coding P&apos;s draws with Q&apos;s code never costs fewer bits per symbol than P&apos;s own Huffman code, the best whole-bit code for P; with Shannon&apos;s codes the average lands in [H(P,Q), H(P,Q) + 1) and the difference is within a bit of D(P‖Q). Huffman&apos;s code of Q is optimal only for Q: on P&apos;s draws it can miss H(P,Q) by more than a bit.</source>
        <translation>&lt;b&gt;看什么。&lt;/b&gt;码字的长度是整数个比特，约为其概率的 −log₂：罕见的结果得到长的码字。用 Q 的编码对 P 的样本编码，每个符号花费的比特不会少于 P 自己的霍夫曼编码（P 的最优整数比特编码）；用香农编码时，平均码长落在 [H(P,Q), H(P,Q) + 1) 之内，差值与 D(P‖Q) 相差不到一比特。Q 的霍夫曼编码只对 Q 最优：对 P 的样本，它与 H(P,Q) 的差距可能超过一比特。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Why negative, though D(P‖Q) ≥ 0:&lt;/b&gt; Shannon&apos;s code of P is not P&apos;s best code: rounding each −log₂ p up, it wastes more here than D(P‖Q) and Q&apos;s rounding together. The numbers are exact expected lengths Σ p·l, not averages of the draws. Huffman&apos;s code of P is the best, so the extra bits with Huffman&apos;s codes are never negative.</source>
        <translation>&lt;b&gt;为何为负，尽管 D(P‖Q) ≥ 0：&lt;/b&gt;P 的香农编码不是 P 的最优编码：它把每个 −log₂ p 向上取整，在这里浪费的比特多于 D(P‖Q) 与 Q 的取整浪费之和。这些数是精确的期望码长 Σ p·l，不是样本的平均值。P 的霍夫曼编码是最优的，所以用霍夫曼编码时额外比特从不为负。</translation>
    </message>
    <message>
        <source>&lt;b&gt;bits per symbol of P&apos;s draws&lt;/b&gt; ± 2 SE</source>
        <translation>&lt;b&gt;P 的样本每个符号的比特数&lt;/b&gt; ± 2 SE</translation>
    </message>
    <message>
        <source>&lt;b&gt;code&lt;/b&gt;</source>
        <translation>&lt;b&gt;编码&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;converges to&lt;/b&gt; Σ p·l</source>
        <translation>&lt;b&gt;收敛到&lt;/b&gt; Σ p·l</translation>
    </message>
    <message>
        <source>&lt;b&gt;lengths&lt;/b&gt;</source>
        <translation>&lt;b&gt;码长&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;the claim that holds&lt;/b&gt;</source>
        <translation>&lt;b&gt;成立的结论&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt;</source>
        <translation>&lt;b&gt;{mean}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</source>
        <translation>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from P</source>
        <translation>
            <numerusform>从 P 抽样 &lt;b&gt;{n}&lt;/b&gt; 次</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Here it does:&lt;/b&gt; Huffman&apos;s code of Q averages a bit or more away from H(P,Q). &lt;b&gt;Try next:&lt;/b&gt; on the Explorer make Q = P: every code of Q becomes one of P&apos;s, and the extra bits vanish.</source>
        <translation>&lt;br&gt;&lt;b&gt;这里正是如此：&lt;/b&gt;Q 的霍夫曼编码的平均码长与 H(P,Q) 相差一比特或更多。&lt;b&gt;接下来试试：&lt;/b&gt;在探索器中令 Q = P：Q 的每种编码都变成 P 的编码，多出的比特随之消失。</translation>
    </message>
    <message>
        <source>&lt;br&gt;&lt;b&gt;Try next:&lt;/b&gt; on the Explorer make Q = [0.9, 0.05, 0.05] and P = [0.05, 0.05, 0.9]: Huffman&apos;s code of Q spends 2 bits where −log₂ q is 4.32.</source>
        <translation>&lt;br&gt;&lt;b&gt;接下来试试：&lt;/b&gt;在探索器中令 Q = [0.9, 0.05, 0.05]、P = [0.05, 0.05, 0.9]：Q 的霍夫曼编码在 −log₂ q 为 4.32 之处只用 2 比特。</translation>
    </message>
    <message>
        <source>A tree is drawn for up to {most} outcomes; here K = {k}. The table lists every codeword.</source>
        <translation>结果不超过 {most} 个时才画树；此处 K = {k}。表中列出所有码字。</translation>
    </message>
    <message>
        <source>Bits per symbol of P&apos;s draws: {q}, {p}</source>
        <translation>P 的样本每个符号的比特数：{q}，{p}</translation>
    </message>
    <message>
        <source>Codeword lengths of {side}&apos;s codes</source>
        <translation>{side} 的各编码的码字长度</translation>
    </message>
    <message>
        <source>Draw 1</source>
        <translation>抽样 1 次</translation>
    </message>
    <message>
        <source>Draws from P, coded four ways</source>
        <translation>从 P 抽样，用四种编码编码</translation>
    </message>
    <message>
        <source>Draws so far</source>
        <translation>已抽样次数</translation>
    </message>
    <message>
        <source>Extra bits of Q&apos;s code</source>
        <translation>Q 的编码的额外比特</translation>
    </message>
    <message>
        <source>Huffman&apos;s code of P</source>
        <translation>P 的霍夫曼编码</translation>
    </message>
    <message>
        <source>Huffman&apos;s code of Q</source>
        <translation>Q 的霍夫曼编码</translation>
    </message>
    <message>
        <source>K = {k} outcomes, codes of an earlier P and Q: the Explorer&apos;s have changed since. Reset codes the Explorer&apos;s again.</source>
        <translation>K = {k} 个结果，是之前一组 P 和 Q 的编码：探索器中的 P 和 Q 已经改变。“重置”会重新为探索器的 P 和 Q 编码。</translation>
    </message>
    <message>
        <source>K = {k} outcomes. Change P and Q on the Explorer: new codes, and the draws start again (Ctrl+Z brings these back).</source>
        <translation>K = {k} 个结果。在探索器中修改 P 和 Q：编码随之更新，抽样重新开始（Ctrl+Z 可恢复）。</translation>
    </message>
    <message>
        <source>L = ∞ (q = 0 where p &gt; 0 at {which})</source>
        <translation>L = ∞（在 {which} 处 p &gt; 0 而 q = 0）</translation>
    </message>
    <message>
        <source>L ≥ {low}:
P&apos;s own Huffman</source>
        <translation>L ≥ {low}：
P 自己的霍夫曼编码</translation>
    </message>
    <message>
        <source>Last draws from P: {outcomes}</source>
        <translation>最近从 P 抽到的结果：{outcomes}</translation>
    </message>
    <message>
        <source>No draws yet: press Play or Draw 1.</source>
        <translation>尚无抽样：按“播放”或“抽样 1 次”。</translation>
    </message>
    <message>
        <source>Not within a bit of H(P,Q) in general: optimal for Q, not for P&apos;s draws.</source>
        <translation>一般不在 H(P,Q) 的一比特之内：它对 Q 最优，而不是对 P 的样本最优。</translation>
    </message>
    <message>
        <source>One draw from P, coded with each code (.)</source>
        <translation>从 P 抽样一次，用每种编码编码 (.)</translation>
    </message>
    <message>
        <source>P&apos;s own</source>
        <translation>P 自己的编码</translation>
    </message>
    <message>
        <source>P: Huffman</source>
        <translation>P：霍夫曼</translation>
    </message>
    <message>
        <source>P: Shannon</source>
        <translation>P：香农</translation>
    </message>
    <message>
        <source>Q&apos;s codes</source>
        <translation>Q 的编码</translation>
    </message>
    <message>
        <source>Q: Huffman</source>
        <translation>Q：霍夫曼</translation>
    </message>
    <message>
        <source>Q: Shannon</source>
        <translation>Q：香农</translation>
    </message>
    <message>
        <source>Shannon&apos;s code of P</source>
        <translation>P 的香农编码</translation>
    </message>
    <message>
        <source>Shannon&apos;s code of Q</source>
        <translation>Q 的香农编码</translation>
    </message>
    <message>
        <source>The code the tree shows</source>
        <translation>树所显示的编码</translation>
    </message>
    <message>
        <source>The latest draws, coded</source>
        <translation>最近的样本及其编码</translation>
    </message>
    <message>
        <source>The tree of {code}</source>
        <translation>{code}的树</translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Where P and Q come from</source>
        <translation>P 和 Q 的来源</translation>
    </message>
    <message>
        <source>Why the extra bits are negative</source>
        <translation>额外比特为何为负</translation>
    </message>
    <message>
        <source>as they are, not rounded</source>
        <translation>原值，未取整</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>draws n (log scale)</source>
        <translation>抽样次数 n（对数坐标）</translation>
    </message>
    <message>
        <source>filled: Huffman, outlined: Shannon; — −log₂ {other}</source>
        <translation>实心：霍夫曼，空心：香农；— −log₂ {other}</translation>
    </message>
    <message>
        <source>ideal −log₂ p(x), no code</source>
        <translation>理想码长 −log₂ p(x)，非实际编码</translation>
    </message>
    <message>
        <source>ideal −log₂ q(x), no code</source>
        <translation>理想码长 −log₂ q(x)，非实际编码</translation>
    </message>
    <message>
        <source>l = ⌈−log₂ p⌉</source>
        <translation>l = ⌈−log₂ p⌉</translation>
    </message>
    <message>
        <source>l = ⌈−log₂ q⌉</source>
        <translation>l = ⌈−log₂ q⌉</translation>
    </message>
    <message>
        <source>no draws yet</source>
        <translation>尚无抽样</translation>
    </message>
    <message>
        <source>none: {side} = 0 (∞ bits)</source>
        <translation>无：{side} = 0（∞ 比特）</translation>
    </message>
    <message>
        <source>optimal for P</source>
        <translation>对 P 最优</translation>
    </message>
    <message>
        <source>optimal for Q</source>
        <translation>对 Q 最优</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>solid: Shannon, dashed: Huffman; shaded: [H, H + 1)</source>
        <translation>实线：香农，虚线：霍夫曼；阴影：[H, H + 1)</translation>
    </message>
    <message>
        <source>the lengths a code rounds up or down</source>
        <translation>编码向上或向下取整的码长</translation>
    </message>
    <message>
        <source>tree of</source>
        <translation>树：</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>{bits} bits</source>
        <translation>{bits} 比特</translation>
    </message>
    <message>
        <source>{mean} (± after 2 draws)</source>
        <translation>{mean}（抽样 2 次后显示 ±）</translation>
    </message>
    <message>
        <source>{target} ≤ L &lt; {target} + 1:
{low} ≤ L &lt; {high} {mark}</source>
        <translation>{target} ≤ L &lt; {target} + 1：
{low} ≤ L &lt; {high} {mark}</translation>
    </message>
    <message>
        <source>{target} ≤ L &lt; {target} + 1: both ∞ here</source>
        <translation>{target} ≤ L &lt; {target} + 1：此处两者均为 ∞</translation>
    </message>
    <message>
        <source>∞ bits: no codeword</source>
        <translation>∞ 比特：没有码字</translation>
    </message>
    <message>
        <source>∞: drew {which}, where q = 0</source>
        <translation>∞：抽到了 {which}，而该处 q = 0</translation>
    </message>
    <message>
        <source>∞: drew {which}, which has no codeword (q = 0)</source>
        <translation>∞：抽到了 {which}，它没有码字（q = 0）</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>--animate needs --page or --sweep (one of them)</source>
        <translation>--animate 需要 --page 或 --sweep（二者之一）</translation>
    </message>
    <message>
        <source>--label and --smoothing go with --logits, not --p-file</source>
        <translation>--label 和 --smoothing 要与 --logits 一起用，而不是与 --p-file</translation>
    </message>
    <message>
        <source>--lesson sets up the window itself: give it without --preset, --load or --metrics</source>
        <translation>--lesson 会自行设置窗口：使用它时不要给出 --preset、--load 或 --metrics</translation>
    </message>
    <message>
        <source>--metrics needs --p and --q, or --logits (and --label), or --p-file, or --preset/--load</source>
        <translation>--metrics 需要 --p 和 --q，或 --logits（以及 --label），或 --p-file，或 --preset/--load</translation>
    </message>
    <message>
        <source>--p, --q and --logits describe a scenario: give them instead of --preset or --load, not with them</source>
        <translation>--p、--q 和 --logits 描述一个场景：用它们代替 --preset 或 --load，不要同时给出</translation>
    </message>
    <message>
        <source>--p, --q and --logits go with --metrics</source>
        <translation>--p、--q 和 --logits 要与 --metrics 一起用</translation>
    </message>
    <message>
        <source>--p-file and the options with it go with --metrics</source>
        <translation>--p-file 及其相关选项要与 --metrics 一起用</translation>
    </message>
    <message>
        <source>--p-file reads a next-token distribution: give it instead of --p, --q, --logits, --preset or --load, not with them</source>
        <translation>--p-file 读取下一词元分布：用它代替 --p、--q、--logits、--preset 或 --load，不要同时给出</translation>
    </message>
    <message>
        <source>--q-file, --p-format, --q-format, --top-k, --top-p and --min-p go with --p-file</source>
        <translation>--q-file、--p-format、--q-format、--top-k、--top-p 和 --min-p 要与 --p-file 一起用</translation>
    </message>
    <message>
        <source>--q-format goes with --q-file</source>
        <translation>--q-format 要与 --q-file 一起用</translation>
    </message>
    <message>
        <source>--scale goes with --export or --animate</source>
        <translation>--scale 要与 --export 或 --animate 一起用</translation>
    </message>
    <message>
        <source>--scale sets a PNG&apos;s pixels; an SVG or PDF is vector and sharp at any size</source>
        <translation>--scale 设置 PNG 的像素；SVG 或 PDF 是矢量图，任何尺寸都清晰</translation>
    </message>
    <message>
        <source>--slide goes with --export or --animate</source>
        <translation>--slide 要与 --export 或 --animate 一起用</translation>
    </message>
    <message>
        <source>--slide {slide} is one of the explorer&apos;s; a --page run shows the whole page</source>
        <translation>--slide {slide} 是探索器的幻灯片之一；--page 运行显示整个页面</translation>
    </message>
    <message>
        <source>--step and --reveal go with --lesson</source>
        <translation>--step 和 --reveal 要与 --lesson 一起用</translation>
    </message>
    <message>
        <source>--step must be a whole number from 1 to {count} for the lesson {name}, got {step}</source>
        <translation>对于课程 {name}，--step 必须是 1 到 {count} 之间的整数，得到的是 {step}</translation>
    </message>
    <message>
        <source>--steps-per-frame goes with --page, not --sweep</source>
        <translation>--steps-per-frame 要与 --page 一起用，而不是 --sweep</translation>
    </message>
    <message>
        <source>Examples: {examples}</source>
        <translation>示例：{examples}</translation>
    </message>
    <message>
        <source>Frames are drawn offscreen from the states themselves, so a file is the same on any machine. MP4 is not offered: it needs a video encoder that is not installed with Entropy Lab.</source>
        <translation>帧是直接由状态在屏幕外绘制的，因此在任何机器上生成的文件都相同。不提供 MP4：它需要一个不随 Entropy Lab 安装的视频编码器。</translation>
    </message>
    <message>
        <source>Move sliders and watch entropy, KL divergence, cross-entropy and softmax losses respond live.</source>
        <translation>移动滑块，实时观察熵、KL散度、交叉熵和 Softmax 损失的变化。</translation>
    </message>
    <message>
        <source>One or two models&apos; next-token distributions from files (.npy, .csv with value or token,value lines, .json), reshaped by --temperature and truncation as a decoder would, in that order.</source>
        <translation>来自文件的一个或两个模型的下一词元分布（.npy、每行为“值”或“词元,值”的 .csv、.json），像解码器那样依次经 --temperature 和截断重塑。</translation>
    </message>
    <message>
        <source>animate a page&apos;s run from its start: binary (the race), training (the logit training), fitting (the KL fits)</source>
        <translation>从头播放一个页面的运行动画：binary（竞赛）、training（logits 训练）、fitting（KL 拟合）</translation>
    </message>
    <message>
        <source>animations for slides</source>
        <translation>用于幻灯片的动画</translation>
    </message>
    <message>
        <source>bits (default) or nats</source>
        <translation>bits（比特，默认）或 nats（奈特）</translation>
    </message>
    <message>
        <source>could not write the output: {reason}</source>
        <translation>无法写入输出：{reason}</translation>
    </message>
    <message>
        <source>each side of --size must lie in {low}–{high} pixels, got {text}</source>
        <translation>--size 的每条边必须在 {low}–{high} 像素之间，得到的是 {text}</translation>
    </message>
    <message>
        <source>entropy-lab: error: {message}</source>
        <translation>entropy-lab：错误：{message}</translation>
    </message>
    <message>
        <source>export one plot ({plots}), the readouts, or page (the page on show without its controls), drawn afresh at --size without menus, sliders or hints</source>
        <translation>导出一张图（{plots}）、读数，或 page（当前页面，不含控件），以 --size 重新绘制，不含菜单、滑块和提示</translation>
    </message>
    <message>
        <source>frames in the animation, 2–600 (default 60)</source>
        <translation>动画的帧数，2–600（默认 60）</translation>
    </message>
    <message>
        <source>frames per second, 1–50 (default 15)</source>
        <translation>每秒帧数，1–50（默认 15）</translation>
    </message>
    <message>
        <source>give --animate alone, not with --export or --metrics</source>
        <translation>单独给出 --animate，不要与 --export 或 --metrics 同时给出</translation>
    </message>
    <message>
        <source>give --metrics or --export, not both</source>
        <translation>给出 --metrics 或 --export，不要同时给出</translation>
    </message>
    <message>
        <source>give --preset or --load, not both</source>
        <translation>给出 --preset 或 --load，不要同时给出</translation>
    </message>
    <message>
        <source>keep the K most probable tokens</source>
        <translation>保留概率最高的 K 个词元</translation>
    </message>
    <message>
        <source>keep the fewest most probable tokens holding at least P</source>
        <translation>保留累计概率至少为 P 的最少的高概率词元</translation>
    </message>
    <message>
        <source>keep tokens at least M times as probable as the most probable</source>
        <translation>保留概率至少为最高概率 M 倍的词元</translation>
    </message>
    <message>
        <source>label smoothing ε</source>
        <translation>标签平滑 ε</translation>
    </message>
    <message>
        <source>language of the window and of messages: en (English) or zh_CN (Simplified Chinese); default: the last choice, else the system&apos;s</source>
        <translation>窗口和消息的语言：en（英语）或 zh_CN（简体中文）；默认：上次的选择，否则为系统语言</translation>
    </message>
    <message>
        <source>lecture mode: full screen, large type, high contrast</source>
        <translation>讲课模式：全屏、大字号、高对比度</translation>
    </message>
    <message>
        <source>logits (default: zeros)</source>
        <translation>logits（默认：全零）</translation>
    </message>
    <message>
        <source>model P&apos;s next-token distribution</source>
        <translation>模型 P 的下一词元分布</translation>
    </message>
    <message>
        <source>model Q&apos;s, over the same vocabulary</source>
        <translation>模型 Q 的下一词元分布，词表相同</translation>
    </message>
    <message>
        <source>move one explorer control over the frames: temperature, smoothing, logitN, pN or qN (N an outcome from 0), e.g. temperature=0.2:5; --slide picks what the frames show</source>
        <translation>在各帧中移动探索器的一个控件：temperature、smoothing、logitN、pN 或 qN（N 为从 0 开始的结果编号），例如 temperature=0.2:5；--slide 选择帧显示的内容</translation>
    </message>
    <message>
        <source>next-token distributions (with --metrics)</source>
        <translation>下一词元分布（与 --metrics 一起用）</translation>
    </message>
    <message>
        <source>numbers without a window</source>
        <translation>不开窗口，只输出数值</translation>
    </message>
    <message>
        <source>open a guided lesson: a bundled one by name (see --list-lessons) or a lesson file</source>
        <translation>打开一个引导式课程：按名称打开内置课程（见 --list-lessons）或打开课程文件</translation>
    </message>
    <message>
        <source>open a preset (see --list-presets)</source>
        <translation>打开一个预设（见 --list-presets）</translation>
    </message>
    <message>
        <source>open a saved session (.json)</source>
        <translation>打开已保存的会话（.json）</translation>
    </message>
    <message>
        <source>pictures for slides</source>
        <translation>用于幻灯片的图片</translation>
    </message>
    <message>
        <source>pixel ratio of a PNG or an animation: 2 or 3 for a sharp picture on a HiDPI screen (SVG and PDF are vector)</source>
        <translation>PNG 或动画的像素比：2 或 3 可在高分屏上得到清晰的图片（SVG 和 PDF 是矢量图）</translation>
    </message>
    <message>
        <source>print each bundled lesson&apos;s name, steps and title (tab-separated) and exit</source>
        <translation>打印每个内置课程的名称、步数和标题（以制表符分隔）后退出</translation>
    </message>
    <message>
        <source>print every readout as JSON and exit</source>
        <translation>以 JSON 打印所有读数后退出</translation>
    </message>
    <message>
        <source>print the preset names and exit</source>
        <translation>打印预设名称后退出</translation>
    </message>
    <message>
        <source>quit once the window has painted, printing how long that took (a start-up check)</source>
        <translation>窗口绘制完成后退出，并打印所用时间（启动检查）</translation>
    </message>
    <message>
        <source>render the window (or a --slide) to FILE.svg, FILE.pdf or FILE.png without showing it</source>
        <translation>不显示窗口，把窗口（或一张 --slide）渲染为 FILE.svg、FILE.pdf 或 FILE.png</translation>
    </message>
    <message>
        <source>show the lesson step&apos;s answer (with --lesson; otherwise it is withheld)</source>
        <translation>显示课程步骤的答案（与 --lesson 一起用；否则不显示）</translation>
    </message>
    <message>
        <source>size must look like 1600x1000, got {text}</source>
        <translation>尺寸的格式应为 1600x1000，得到的是 {text}</translation>
    </message>
    <message>
        <source>softmax temperature</source>
        <translation>Softmax 温度</translation>
    </message>
    <message>
        <source>steps of the run between frames, 1–10000 (default: the page&apos;s own speed: the race 2, the others 1)</source>
        <translation>两帧之间运行的步数，1–10000（默认：页面自身的速度：竞赛为 2，其余为 1）</translation>
    </message>
    <message>
        <source>the installation is damaged: {error}</source>
        <translation>安装已损坏：{error}</translation>
    </message>
    <message>
        <source>the lesson&apos;s step to show, from 1 (with --lesson)</source>
        <translation>要显示的课程步骤，从 1 开始（与 --lesson 一起用）</translation>
    </message>
    <message>
        <source>true class (default 0)</source>
        <translation>真实类别（默认 0）</translation>
    </message>
    <message>
        <source>unknown lesson {name}; known: {known}</source>
        <translation>未知课程 {name}；已知课程：{known}</translation>
    </message>
    <message>
        <source>unknown preset {name}; did you mean {close}? (see --list-presets)</source>
        <translation>未知预设 {name}；您是指 {close} 吗？（见 --list-presets）</translation>
    </message>
    <message>
        <source>unknown preset {name}; see --list-presets</source>
        <translation>未知预设 {name}；见 --list-presets</translation>
    </message>
    <message>
        <source>weights of P, e.g. 0.7,0.3</source>
        <translation>P 的权重，例如 0.7,0.3</translation>
    </message>
    <message>
        <source>weights of Q, e.g. 0.5,0.5</source>
        <translation>Q 的权重，例如 0.5,0.5</translation>
    </message>
    <message>
        <source>what to open</source>
        <translation>打开什么</translation>
    </message>
    <message>
        <source>what {option} holds (default: auto, detected where the values leave no doubt)</source>
        <translation>{option} 中的内容（默认：auto，在数值无歧义时自动检测）</translation>
    </message>
    <message>
        <source>window size for --export (default 1600x1000)</source>
        <translation>--export 的窗口尺寸（默认 1600x1000）</translation>
    </message>
    <message>
        <source>write an animated FILE.gif, FILE.apng or FILE.png (animated PNG) without showing a window; give --page or --sweep</source>
        <translation>不显示窗口，写出动画 FILE.gif、FILE.apng 或 FILE.png（动画 PNG）；需给出 --page 或 --sweep</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>已写出 {path}</translation>
    </message>
    <message>
        <source>wrote {path} at {width}x{height}, the smallest size the window allows</source>
        <translation>已写出 {path}，尺寸 {width}x{height}，即窗口允许的最小尺寸</translation>
    </message>
    <message>
        <source>wrote {path}: the slide {slide} at {width}x{height}</source>
        <translation>已写出 {path}：幻灯片 {slide}，尺寸 {width}x{height}</translation>
    </message>
    <message>
        <source>wrote {path}: {frames} frames of {width}x{height} at {fps} fps</source>
        <translation>已写出 {path}：{frames} 帧，尺寸 {width}x{height}，{fps} fps</translation>
    </message>
    <message>
        <source>{name} must be a whole number, got {text}</source>
        <translation>{name} 必须是整数，得到的是 {text}</translation>
    </message>
    <message>
        <source>{options}: only with --animate</source>
        <translation>{options}：只能与 --animate 一起用</translation>
    </message>
    <message>
        <source>{option} needs a value, got an empty one</source>
        <translation>{option} 需要一个值，得到的是空值</translation>
    </message>
</context>
<context>
    <name>Data</name>
    <message>
        <source>{field} has an unknown language {language}</source>
        <translation>{field} 含有未知语言 {language}</translation>
    </message>
    <message>
        <source>{field} is longer than {limit} characters</source>
        <translation>{field} 超过 {limit} 个字符</translation>
    </message>
    <message>
        <source>{field} must be non-empty text</source>
        <translation>{field} 必须是非空文本</translation>
    </message>
    <message>
        <source>{field} needs an English text (en)</source>
        <translation>{field} 需要英文文本（en）</translation>
    </message>
</context>
<context>
    <name>DecodingControls</name>
    <message>
        <source>Min-p on or off</source>
        <translation>开启或关闭 min-p</translation>
    </message>
    <message>
        <source>Min-p: the share of the top probability a token needs</source>
        <translation>min-p：词元所需的最高概率的比例</translation>
    </message>
    <message>
        <source>Temperature of {model}</source>
        <translation>{model} 的温度</translation>
    </message>
    <message>
        <source>Top-k on or off</source>
        <translation>开启或关闭 top-k</translation>
    </message>
    <message>
        <source>Top-p on or off</source>
        <translation>开启或关闭 top-p</translation>
    </message>
    <message>
        <source>Top-p: the share of probability kept</source>
        <translation>top-p：保留的概率比例</translation>
    </message>
    <message>
        <source>k: the tokens top-k keeps</source>
        <translation>k：top-k 保留的词元数</translation>
    </message>
    <message>
        <source>min-p</source>
        <translation>min-p</translation>
    </message>
    <message>
        <source>temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>top-k</source>
        <translation>top-k</translation>
    </message>
    <message>
        <source>top-p</source>
        <translation>top-p</translation>
    </message>
</context>
<context>
    <name>ExceptionReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>{error}

Entropy Lab keeps running; your work is unchanged. Please report this with the details below.</source>
        <translation>{error}

Entropy Lab 仍在运行；您的工作没有改变。请连同下面的详细信息报告此问题。</translation>
    </message>
</context>
<context>
    <name>ExplanationDock</name>
    <message>
        <source>&lt;b&gt;A PyTorch batch.&lt;/b&gt; Cross-entropy from logits as PyTorch&apos;s CrossEntropyLoss computes it: each sample&apos;s −z[y] + log Σ exp(z), averaged over the batch. Edit a logit or a label in the table and every loss and the mean follow.</source>
        <translation>&lt;b&gt;一个 PyTorch 批次。&lt;/b&gt;按 PyTorch 的 CrossEntropyLoss 的算法从 logits 计算交叉熵：每个样本的 −z[y] + log Σ exp(z)，再对批次取平均。在表中编辑一个 logit 或标签，每个样本的损失和平均值都会随之变化。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Code lengths.&lt;/b&gt; Prefix codes built from the Explorer&apos;s P and Q, and P&apos;s draws sent in each: bits become whole codewords. Press &lt;i&gt;Play&lt;/i&gt; and compare each code&apos;s bits per symbol with H(P) and H(P,Q); make Q unlike P on the Explorer: H(P,Q) grows by D(P‖Q), and Q&apos;s Shannon code, always within a bit of it, grows with it.</source>
        <translation>&lt;b&gt;码长。&lt;/b&gt;由探索器的 P 和 Q 构造前缀码，P 的样本分别用每种编码发送：比特变成了整数长度的码字。按&lt;i&gt;播放&lt;/i&gt;，把每种编码每个符号的比特数与 H(P) 和 H(P,Q) 比较；在探索器中让 Q 与 P 不同：H(P,Q) 增加 D(P‖Q)，而 Q 的香农编码始终与它相差不到一比特，也随之增加。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Forward vs reverse KL.&lt;/b&gt; One bump Q fitted twice to P&apos;s two peaks: minimising D(P‖Q) covers both peaks (mode covering), minimising D(Q‖P) settles on one (mode seeking). Press &lt;i&gt;Play&lt;/i&gt;; move the peaks, or try a new random start.</source>
        <translation>&lt;b&gt;前向 KL 与反向 KL。&lt;/b&gt;把单峰的 Q 两次拟合到 P 的两个峰上：最小化 D(P‖Q) 会覆盖两个峰（覆盖模式），最小化 D(Q‖P) 会停在其中一个峰上（寻找模式）。按&lt;i&gt;播放&lt;/i&gt;；移动峰的位置，或试试新的随机起点。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Next-token lab.&lt;/b&gt; Two models&apos; next-token distributions over one vocabulary, decoded with a temperature and top-k, top-p and min-p. Move the decoding controls and watch the entropy, the mass cut off and the divergences; import your own logits from a file.</source>
        <translation>&lt;b&gt;下一词元实验。&lt;/b&gt;两个模型在同一词表上的下一词元分布，用温度以及 top-k、top-p 和 min-p 解码。移动解码控件，观察熵、截掉的质量和散度；也可以从文件导入您自己的 logits。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Sampling.&lt;/b&gt; Draws from the Explorer&apos;s P and Q, one by one: each row&apos;s running mean settles on the exact value in its last column, and its ±2 SE band narrows as 1/√n. Press &lt;i&gt;Play&lt;/i&gt; or &lt;i&gt;Draw 1&lt;/i&gt;; change P or Q on the Explorer and the run starts again.</source>
        <translation>&lt;b&gt;抽样。&lt;/b&gt;从探索器的 P 和 Q 逐个抽样：每一行的累计平均值稳定在最后一列的精确值上，它的 ±2 SE 带按 1/√n 收窄。按&lt;i&gt;播放&lt;/i&gt;或&lt;i&gt;抽样 1 次&lt;/i&gt;；在探索器中修改 P 或 Q，抽样就重新开始。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Training the logits.&lt;/b&gt; The Explorer&apos;s logits trained by gradient descent towards the true class, with cross-entropy and with squared error side by side. Cross-entropy&apos;s gradient is softmax(z) − onehot(y). Press &lt;i&gt;Play&lt;/i&gt; and watch the true class&apos;s probability and each loss.</source>
        <translation>&lt;b&gt;训练 logits。&lt;/b&gt;用梯度下降把探索器的 logits 朝真实类别训练，交叉熵与平方误差并排进行。交叉熵的梯度是 softmax(z) − onehot(y)。按&lt;i&gt;播放&lt;/i&gt;，观察真实类别的概率和两种损失。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Vanishing gradients.&lt;/b&gt; One logit z through a sigmoid, trained from z₀ two ways: with squared error and with cross-entropy. Far on the wrong side (large |z₀|), the squared error&apos;s gradient carries σ′(z) and all but vanishes, so it crawls; cross-entropy&apos;s gradient σ(z) − y stays large. Press &lt;i&gt;Play&lt;/i&gt; and compare the steps each needs.</source>
        <translation>&lt;b&gt;梯度消失。&lt;/b&gt;一个 logit z 经过 sigmoid，从 z₀ 出发用两种方式训练：平方误差和交叉熵。在错误一侧很远处（|z₀| 很大），平方误差的梯度带着 σ′(z)，几乎消失，训练步履维艰；交叉熵的梯度 σ(z) − y 仍然很大。按&lt;i&gt;播放&lt;/i&gt;，比较两者各需多少步。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Welcome to Entropy Lab.&lt;/b&gt;&lt;br&gt;Move a slider or drag a bar and every number follows. Pick a worked example from the &lt;i&gt;Presets&lt;/i&gt; menu (keys 1–9); each comes with what to look at and what to try next.</source>
        <translation>&lt;b&gt;欢迎使用 Entropy Lab。&lt;/b&gt;&lt;br&gt;移动滑块或拖动柱条，每个数字都会随之变化。从&lt;i&gt;预设&lt;/i&gt;菜单（按键 1–9）中挑选一个课程中的例子；每个例子都会说明看什么、接下来试什么。</translation>
    </message>
    <message>
        <source>&lt;b&gt;{title}.&lt;/b&gt; </source>
        <translation>&lt;b&gt;{title}。&lt;/b&gt; </translation>
    </message>
    <message>
        <source>About this example</source>
        <translation>关于此例</translation>
    </message>
    <message>
        <source>About this page</source>
        <translation>关于此页面</translation>
    </message>
    <message>
        <source>Back to the example</source>
        <translation>回到例子</translation>
    </message>
    <message>
        <source>Explanation of the current example</source>
        <translation>当前例子的说明</translation>
    </message>
    <message>
        <source>What the page on show is for and what to try</source>
        <translation>当前页面的用途和可以尝试的操作</translation>
    </message>
</context>
<context>
    <name>Explorer</name>
    <message>
        <source>Cannot compute: {problem} The plots and the greyed numbers still show the last valid state.</source>
        <translation>无法计算：{problem}图和灰色的数字仍显示上一个有效状态。</translation>
    </message>
    <message>
        <source>Families</source>
        <translation>分布族</translation>
    </message>
    <message>
        <source>Families (K up to 100,000)</source>
        <translation>分布族（K 最多 100,000）</translation>
    </message>
    <message>
        <source>How P and Q are set: sliders or families</source>
        <translation>P 和 Q 的设置方式：滑块或分布族</translation>
    </message>
    <message>
        <source>In family mode the family&apos;s parameters shape P and Q: use the Families controls instead.</source>
        <translation>在分布族模式下，P 和 Q 的形状由分布族的参数决定：请改用“分布族”中的控件。</translation>
    </message>
    <message>
        <source>Linked: Q follows the logits.</source>
        <translation>已关联：Q 跟随 logits。</translation>
    </message>
    <message>
        <source>Linked: Q is the softmax of the logits</source>
        <translation>已关联：Q 是 logits 的 Softmax</translation>
    </message>
    <message>
        <source>Linked: these weights set the logits (z = log q).</source>
        <translation>已关联：这些权重设置 logits（z = log q）。</translation>
    </message>
    <message>
        <source>Logit of class {i}</source>
        <translation>类别 {i} 的 logit</translation>
    </message>
    <message>
        <source>Logits = log Q (a model&apos;s prediction)</source>
        <translation>logits = log Q（模型的预测）</translation>
    </message>
    <message>
        <source>Logits z → softmax</source>
        <translation>logits z → Softmax</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>One slider per outcome (K ≤ 16)</source>
        <translation>每个结果一个滑块（K ≤ 16）</translation>
    </message>
    <message>
        <source>Outcomes and units</source>
        <translation>结果与单位</translation>
    </message>
    <message>
        <source>P: weights → probability</source>
        <translation>P：权重 → 概率</translation>
    </message>
    <message>
        <source>Q follows the logits while linked: move the logits instead.</source>
        <translation>关联时 Q 跟随 logits：请改为移动 logits。</translation>
    </message>
    <message>
        <source>Q follows the logits while linked: unlink to copy P to Q.</source>
        <translation>关联时 Q 跟随 logits：请先取消关联，再把 P 复制到 Q。</translation>
    </message>
    <message>
        <source>Q follows the logits while linked: unlink to swap P and Q.</source>
        <translation>关联时 Q 跟随 logits：请先取消关联，再交换 P 和 Q。</translation>
    </message>
    <message>
        <source>Q is now P: every divergence is exactly 0.</source>
        <translation>Q 现在与 P 相同：每个散度都恰好为 0。</translation>
    </message>
    <message>
        <source>Q: weights → probability</source>
        <translation>Q：权重 → 概率</translation>
    </message>
    <message>
        <source>Swapped P and Q: D(P‖Q) and D(Q‖P) trade places.</source>
        <translation>已交换 P 和 Q：D(P‖Q) 与 D(Q‖P) 互换位置。</translation>
    </message>
    <message>
        <source>The logits are log Q</source>
        <translation>logits 即 log Q</translation>
    </message>
    <message>
        <source>The logits become log q of Q&apos;s weights: Q&apos;s sliders set them, as a
language model&apos;s log-probabilities do; T then reshapes the softmax.</source>
        <translation>logits 变为 Q 的权重的 log q：由 Q 的滑块设置它们，
就像语言模型的对数概率那样；然后 T 重塑 Softmax。</translation>
    </message>
    <message>
        <source>The logits follow Q: z = log q. Untick &apos;Logits = log Q&apos; to set them.</source>
        <translation>logits 跟随 Q：z = log q。取消勾选“logits = log Q”即可设置它们。</translation>
    </message>
    <message>
        <source>Weight of P at outcome {i}</source>
        <translation>P 在结果 {i} 处的权重</translation>
    </message>
    <message>
        <source>Weight of Q at outcome {i}</source>
        <translation>Q 在结果 {i} 处的权重</translation>
    </message>
    <message>
        <source>a logit must lie in [{low}, {high}]</source>
        <translation>logit 必须在 [{low}, {high}] 之内</translation>
    </message>
    <message>
        <source>that class no longer exists</source>
        <translation>该类别已不存在</translation>
    </message>
    <message>
        <source>the logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>the logits follow Q (z = log q): untick that to set them</source>
        <translation>logits 跟随 Q（z = log q）：取消勾选该项才能设置它们</translation>
    </message>
    <message>
        <source>{message}.</source>
        <translation>{message}。</translation>
    </message>
    <message>
        <source>{name} is all zero: at least one weight must be positive. Raise one of its sliders above zero.</source>
        <translation>{name} 全为零：至少要有一个权重为正。请把其中一个滑块调到零以上。</translation>
    </message>
    <message>
        <source>{name}[{index}] is infinite.</source>
        <translation>{name}[{index}] 为无穷大。</translation>
    </message>
    <message>
        <source>{name}[{index}] is negative.</source>
        <translation>{name}[{index}] 为负数。</translation>
    </message>
    <message>
        <source>{name}[{index}] is not a number (NaN).</source>
        <translation>{name}[{index}] 不是数（NaN）。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source> px</source>
        <translation> 像素</translation>
    </message>
    <message>
        <source>A sweep of one explorer control</source>
        <translation>探索器中一个控件的扫描</translation>
    </message>
    <message>
        <source>Animate</source>
        <translation>动画内容</translation>
    </message>
    <message>
        <source>Animated GIF (*.gif)</source>
        <translation>动画 GIF (*.gif)</translation>
    </message>
    <message>
        <source>Animated GIF (plays everywhere)</source>
        <translation>动画 GIF（到处都能播放）</translation>
    </message>
    <message>
        <source>Animated PNG (*.apng *.png)</source>
        <translation>动画 PNG (*.apng *.png)</translation>
    </message>
    <message>
        <source>Animated PNG (full colour)</source>
        <translation>动画 PNG（全彩色）</translation>
    </message>
    <message>
        <source>Animation cancelled: nothing was written</source>
        <translation>动画已取消：未写出任何文件</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Cannot make this animation</source>
        <translation>无法制作此动画</translation>
    </message>
    <message>
        <source>Control</source>
        <translation>控件</translation>
    </message>
    <message>
        <source>Could not export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>Could not export the animation</source>
        <translation>无法导出动画</translation>
    </message>
    <message>
        <source>Could not export the slide</source>
        <translation>无法导出幻灯片</translation>
    </message>
    <message>
        <source>Drawing the frames…</source>
        <translation>正在绘制各帧…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export an animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Export: {title}</source>
        <translation>导出：{title}</translation>
    </message>
    <message>
        <source>Exported the slide {path}</source>
        <translation>已导出幻灯片 {path}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Exported {path} ({count} frames)</source>
        <translation>已导出 {path}（{count} 帧）</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>帧数</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒帧数</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始值</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>PDF document (vector)</source>
        <translation>PDF 文档（矢量）</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 图像</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>PNG scale</source>
        <translation>PNG 缩放倍数</translation>
    </message>
    <message>
        <source>Picture height in pixels</source>
        <translation>图片高度（像素）</translation>
    </message>
    <message>
        <source>Picture width in pixels</source>
        <translation>图片宽度（像素）</translation>
    </message>
    <message>
        <source>Plot “{plot}”</source>
        <translation>图“{plot}”</translation>
    </message>
    <message>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG 绘图 (*.svg)</translation>
    </message>
    <message>
        <source>SVG drawing (vector: sharp at any size)</source>
        <translation>SVG 绘图（矢量：任何尺寸都清晰）</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>缩放倍数</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示内容</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Steps per frame</source>
        <translation>每帧步数</translation>
    </message>
    <message>
        <source>The KL fits (Forward vs reverse KL)</source>
        <translation>KL 拟合（前向 KL 与反向 KL）</translation>
    </message>
    <message>
        <source>The explorer (readouts and plots)</source>
        <translation>探索器（读数和图）</translation>
    </message>
    <message>
        <source>The logit training (Training the logits)</source>
        <translation>logits 训练（训练 logits）</translation>
    </message>
    <message>
        <source>The outcome whose logit or weight moves</source>
        <translation>其 logit 或权重发生变化的结果</translation>
    </message>
    <message>
        <source>The page on show (no controls)</source>
        <translation>当前页面（不含控件）</translation>
    </message>
    <message>
        <source>The race (Vanishing gradients)</source>
        <translation>竞赛（梯度消失）</translation>
    </message>
    <message>
        <source>The readouts</source>
        <translation>读数</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束值</translation>
    </message>
    <message>
        <source>Value at the end of the sweep</source>
        <translation>扫描结束时的值</translation>
    </message>
    <message>
        <source>Value at the start of the sweep</source>
        <translation>扫描开始时的值</translation>
    </message>
    <message>
        <source>Writing the file…</source>
        <translation>正在写入文件…</translation>
    </message>
    <message>
        <source>a logit z</source>
        <translation>一个 logit z</translation>
    </message>
    <message>
        <source>a weight of P</source>
        <translation>P 的一个权重</translation>
    </message>
    <message>
        <source>a weight of Q</source>
        <translation>Q 的一个权重</translation>
    </message>
    <message>
        <source>label smoothing ε</source>
        <translation>标签平滑 ε</translation>
    </message>
    <message>
        <source>screen pixels</source>
        <translation>屏幕像素</translation>
    </message>
    <message>
        <source>sharp on a HiDPI projector</source>
        <translation>在高分辨率投影仪上清晰</translation>
    </message>
    <message>
        <source>temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>{scale}× ({why})</source>
        <translation>{scale}×（{why}）</translation>
    </message>
</context>
<context>
    <name>Families</name>
    <message>
        <source>Random (Dirichlet draw)</source>
        <translation>随机（Dirichlet 抽样）</translation>
    </message>
    <message>
        <source>Two peaks</source>
        <translation>双峰</translation>
    </message>
    <message>
        <source>Uniform</source>
        <translation>均匀</translation>
    </message>
    <message>
        <source>Zipf (word frequencies)</source>
        <translation>Zipf（词频）</translation>
    </message>
    <message>
        <source>concentration</source>
        <translation>集中度</translation>
    </message>
    <message>
        <source>exponent</source>
        <translation>指数</translation>
    </message>
    <message>
        <source>mix</source>
        <translation>混合比例</translation>
    </message>
    <message>
        <source>position 1</source>
        <translation>位置 1</translation>
    </message>
    <message>
        <source>position 2</source>
        <translation>位置 2</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>width 1</source>
        <translation>宽度 1</translation>
    </message>
    <message>
        <source>width 2</source>
        <translation>宽度 2</translation>
    </message>
</context>
<context>
    <name>FamilyEditor</name>
    <message>
        <source>Family</source>
        <translation>分布族</translation>
    </message>
    <message>
        <source>{control}: value</source>
        <translation>{control}：值</translation>
    </message>
    <message>
        <source>{distribution} family</source>
        <translation>{distribution} 分布族</translation>
    </message>
    <message>
        <source>{distribution} {family} {parameter}</source>
        <translation>{distribution} {family} {parameter}</translation>
    </message>
</context>
<context>
    <name>FamilySettings</name>
    <message>
        <source>Number of outcomes K in family mode</source>
        <translation>分布族模式下的结果数 K</translation>
    </message>
    <message>
        <source>Outcomes K</source>
        <translation>结果数 K</translation>
    </message>
    <message>
        <source>The logits are log Q: softmax at T = 1 gives Q back, like a language model&apos;s prediction; the temperature reshapes it.</source>
        <translation>logits 即 log Q：T = 1 时 Softmax 还原出 Q，就像语言模型的预测；温度会重塑它。</translation>
    </message>
    <message>
        <source>True class in family mode</source>
        <translation>分布族模式下的真实类别</translation>
    </message>
    <message>
        <source>True class y</source>
        <translation>真实类别 y</translation>
    </message>
</context>
<context>
    <name>FitView</name>
    <message>
        <source>D(P‖Q) of this fit</source>
        <translation>此拟合的 D(P‖Q)</translation>
    </message>
    <message>
        <source>D(Q‖P) of this fit</source>
        <translation>此拟合的 D(Q‖P)</translation>
    </message>
    <message>
        <source>Q&apos;s mass near peak 1: &lt;b&gt;{one}&lt;/b&gt;, near peak 2: &lt;b&gt;{two}&lt;/b&gt;</source>
        <translation>Q 在峰 1 附近的质量：&lt;b&gt;{one}&lt;/b&gt;，在峰 2 附近：&lt;b&gt;{two}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Q&apos;s mass near peak 1: &lt;b&gt;{one}&lt;/b&gt;, near peak 2: &lt;b&gt;{two}&lt;/b&gt;, on the bin half-way: &lt;b&gt;{half}&lt;/b&gt;</source>
        <translation>Q 在峰 1 附近的质量：&lt;b&gt;{one}&lt;/b&gt;，在峰 2 附近：&lt;b&gt;{two}&lt;/b&gt;，在正中间的区间上：&lt;b&gt;{half}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The peaks coincide: P has one peak.</source>
        <translation>两个峰重合：P 只有一个峰。</translation>
    </message>
    <message>
        <source>bin</source>
        <translation>区间</translation>
    </message>
    <message>
        <source>converged</source>
        <translation>已收敛</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>step since P last changed</source>
        <translation>P 上次改变后的步数</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>{divergence} (nats)</source>
        <translation>{divergence}（奈特）</translation>
    </message>
    <message>
        <source>{divergence} vs step</source>
        <translation>{divergence} 随步数的变化</translation>
    </message>
    <message>
        <source>{divergence}, &lt;b&gt;minimised&lt;/b&gt;</source>
        <translation>{divergence}，&lt;b&gt;最小化&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{divergence}, not fitted</source>
        <translation>{divergence}，未拟合</translation>
    </message>
    <message>
        <source>{p} and {q} (one Gaussian bump)</source>
        <translation>{p} 与 {q}（一个高斯峰）</translation>
    </message>
    <message>
        <source>{value} nats</source>
        <translation>{value} 奈特</translation>
    </message>
    <message>
        <source>μ = {mu}, σ = {sigma} bins · {status}&lt;br&gt;{masses}</source>
        <translation>μ = {mu}，σ = {sigma} 个区间 · {status}&lt;br&gt;{masses}</translation>
    </message>
    <message>
        <source>μ, σ and masses</source>
        <translation>μ、σ 与质量</translation>
    </message>
</context>
<context>
    <name>FittingPage</name>
    <message>
        <source>Both fits side by side</source>
        <translation>两个拟合并排显示</translation>
    </message>
    <message>
        <source>Both fits, one at a time</source>
        <translation>两个拟合轮流显示</translation>
    </message>
    <message>
        <source>Both fits: {where}: μ = {mu}, σ = {sigma} bins.</source>
        <translation>两个拟合：{where}：μ = {mu}，σ = {sigma} 个区间。</translation>
    </message>
    <message>
        <source>Change them while it runs.</source>
        <translation>可在运行时修改它们。</translation>
    </message>
    <message>
        <source>Default peaks</source>
        <translation>默认峰</translation>
    </message>
    <message>
        <source>Default start</source>
        <translation>默认起点</translation>
    </message>
    <message>
        <source>Forward KL: minimise D(P‖Q), mode covering</source>
        <translation>前向 KL：最小化 D(P‖Q)，覆盖模式</translation>
    </message>
    <message>
        <source>Forward fit only</source>
        <translation>只看前向拟合</translation>
    </message>
    <message>
        <source>Gradient descent on (μ, log σ)</source>
        <translation>对 (μ, log σ) 做梯度下降</translation>
    </message>
    <message>
        <source>Height of peak {peak}</source>
        <translation>峰 {peak} 的高度</translation>
    </message>
    <message>
        <source>New random start</source>
        <translation>新的随机起点</translation>
    </message>
    <message>
        <source>P keeps its last shape: one of its two peaks must have a height above 0. Raise {first} or {second}.</source>
        <translation>P 保留其上一个形状：两个峰中至少要有一个的高度大于 0。请调大“{first}”或“{second}”。</translation>
    </message>
    <message>
        <source>P keeps its last shape: {error}.</source>
        <translation>P 保留其上一个形状：{error}。</translation>
    </message>
    <message>
        <source>Position of peak {peak}, in bins</source>
        <translation>峰 {peak} 的位置，以区间计</translation>
    </message>
    <message>
        <source>Put P&apos;s peaks back to their default shape</source>
        <translation>把 P 的峰恢复为默认形状</translation>
    </message>
    <message>
        <source>Restart both fits from a new random start</source>
        <translation>从新的随机起点重新开始两个拟合</translation>
    </message>
    <message>
        <source>Restart both fits from the default start</source>
        <translation>从默认起点重新开始两个拟合</translation>
    </message>
    <message>
        <source>Reverse KL: minimise D(Q‖P), mode seeking</source>
        <translation>反向 KL：最小化 D(Q‖P)，寻找模式</translation>
    </message>
    <message>
        <source>Reverse fit only</source>
        <translation>只看反向拟合</translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation>已走步数</translation>
    </message>
    <message>
        <source>Target P: two peaks</source>
        <translation>目标 P：双峰</translation>
    </message>
    <message>
        <source>The next seed: the start is reproducible</source>
        <translation>下一个种子：起点可复现</translation>
    </message>
    <message>
        <source>Where both fits start</source>
        <translation>两个拟合的起点</translation>
    </message>
    <message>
        <source>Which fits to show</source>
        <translation>显示哪些拟合</translation>
    </message>
    <message>
        <source>Width of peak {peak}, in bins</source>
        <translation>峰 {peak} 的宽度，以区间计</translation>
    </message>
    <message>
        <source>both fits</source>
        <translation>两个拟合</translation>
    </message>
    <message>
        <source>default start</source>
        <translation>默认起点</translation>
    </message>
    <message>
        <source>height {peak}</source>
        <translation>高度 {peak}</translation>
    </message>
    <message>
        <source>peak {peak} at</source>
        <translation>峰 {peak} 位于</translation>
    </message>
    <message>
        <source>random start, &lt;b&gt;seed {seed}&lt;/b&gt;</source>
        <translation>随机起点，&lt;b&gt;种子 {seed}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>step {step} · both converged</source>
        <translation>第 {step} 步 · 两者均已收敛</translation>
    </message>
    <message>
        <source>width {peak}</source>
        <translation>宽度 {peak}</translation>
    </message>
</context>
<context>
    <name>FormulaDock</name>
    <message>
        <source>Formulas with live numbers</source>
        <translation>带实时数值的公式</translation>
    </message>
    <message>
        <source>Formulas with the current numbers</source>
        <translation>代入当前数值的公式</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>Arrows</source>
        <translation>方向键</translation>
    </message>
    <message>
        <source>Double-click a number, F2</source>
        <translation>双击数字，或按 F2</translation>
    </message>
    <message>
        <source>Enter / Esc</source>
        <translation>Enter / Esc</translation>
    </message>
    <message>
        <source>Entropy Lab</source>
        <translation>Entropy Lab</translation>
    </message>
    <message>
        <source>In the controls</source>
        <translation>在控件中</translation>
    </message>
    <message>
        <source>Licence: {licence}</source>
        <translation>许可证：{licence}</translation>
    </message>
    <message>
        <source>Move sliders and watch entropy, KL divergence, cross-entropy and softmax losses respond live.</source>
        <translation>移动滑块，实时观察熵、KL散度、交叉熵和 Softmax 损失的变化。</translation>
    </message>
    <message>
        <source>Nudge the focused slider</source>
        <translation>微调当前聚焦的滑块</translation>
    </message>
    <message>
        <source>Other keys</source>
        <translation>其他按键</translation>
    </message>
    <message>
        <source>Running on</source>
        <translation>运行环境</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <source>Take / cancel a typed value</source>
        <translation>确认 / 取消输入的值</translation>
    </message>
    <message>
        <source>The next / previous control</source>
        <translation>下一个 / 上一个控件</translation>
    </message>
    <message>
        <source>Type a value exactly</source>
        <translation>精确输入一个值</translation>
    </message>
    <message>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
</context>
<context>
    <name>Hover</name>
    <message>
        <source>outcome {index}</source>
        <translation>结果 {index}</translation>
    </message>
    <message>
        <source>p = 0 where q &gt; 0</source>
        <translation>q &gt; 0 处 p = 0</translation>
    </message>
    <message>
        <source>q = 0 where p &gt; 0</source>
        <translation>p &gt; 0 处 q = 0</translation>
    </message>
</context>
<context>
    <name>KeyboardSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>LabelledSlider</name>
    <message>
        <source>{control}: value</source>
        <translation>{control}：值</translation>
    </message>
</context>
<context>
    <name>Labs</name>
    <message>
        <source>1 draw per second</source>
        <translation>每秒抽样 1 次</translation>
    </message>
    <message>
        <source>Draws per second while playing</source>
        <translation>播放时每秒的抽样次数</translation>
    </message>
    <message>
        <source>P and Q: earlier ones of the Explorer&apos;s</source>
        <translation>P 和 Q：探索器之前的一组</translation>
    </message>
    <message>
        <source>P and Q: the Explorer&apos;s</source>
        <translation>P 和 Q：来自探索器</translation>
    </message>
    <message>
        <source>Seed of the draws</source>
        <translation>抽样的种子</translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q cannot be drawn from: {problem}</source>
        <translation>无法从探索器的 P 和 Q 抽样：{problem}</translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q cannot be evaluated: {problem} Showing the last P and Q.</source>
        <translation>无法计算探索器的 P 和 Q：{problem}显示上一组 P 和 Q。</translation>
    </message>
    <message>
        <source>The Explorer&apos;s P and Q have {k} outcomes; this lab draws from at most {most} (a session keeps every outcome&apos;s count). Pick a family with fewer outcomes there. Showing the last P and Q.</source>
        <translation>探索器的 P 和 Q 有 {k} 个结果；本实验最多从 {most} 个结果中抽样（会话会保留每个结果的计数）。请在探索器中选择结果更少的分布族。显示上一组 P 和 Q。</translation>
    </message>
    <message>
        <source>outcome {index}</source>
        <translation>结果 {index}</translation>
    </message>
    <message>
        <source>outcomes {first} and {last}</source>
        <translation>结果 {first} 和 {last}</translation>
    </message>
    <message>
        <source>outcomes {first} and {more} more</source>
        <translation>结果 {first} 及另外 {more} 个</translation>
    </message>
    <message>
        <source>{rate} draws per second</source>
        <translation>每秒抽样 {rate} 次</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>LessonController</name>
    <message>
        <source>&amp;Bundled lessons</source>
        <translation>内置课程(&amp;B)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open lesson file…</source>
        <translation>打开课程文件(&amp;O)…</translation>
    </message>
    <message>
        <source>A probability lies between 0 and 1: {guess} cannot be one.</source>
        <translation>概率介于 0 和 1 之间：{guess} 不可能是概率。</translation>
    </message>
    <message>
        <source>Back to the lesson&apos;s step</source>
        <translation>回到课程的这一步</translation>
    </message>
    <message>
        <source>Cannot compute: {why}</source>
        <translation>无法计算：{why}</translation>
    </message>
    <message>
        <source>Could not open the lesson</source>
        <translation>无法打开课程</translation>
    </message>
    <message>
        <source>Forget my answers</source>
        <translation>清除我的答案</translation>
    </message>
    <message>
        <source>Goal: {goal}. Now: {now}</source>
        <translation>目标：{goal}。当前：{now}</translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation>离开课程</translation>
    </message>
    <message>
        <source>Move only what the task says: {moved} changed. Back to the lesson starts again.</source>
        <translation>只移动任务要求的控件：{moved} 已改变。“回到课程”会重新开始。</translation>
    </message>
    <message>
        <source>Next step (or preset)</source>
        <translation>下一步（或下一个预设）</translation>
    </message>
    <message>
        <source>No steps yet</source>
        <translation>尚无步骤</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>打开课程</translation>
    </message>
    <message>
        <source>Opened the lesson {path}</source>
        <translation>已打开课程 {path}</translation>
    </message>
    <message>
        <source>Previous step (or preset)</source>
        <translation>上一步（或上一个预设）</translation>
    </message>
    <message>
        <source>Reveal the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Set up the window, then add the current state as a step.</source>
        <translation>先设置好窗口，再把当前状态添加为一步。</translation>
    </message>
    <message>
        <source>This is the first preset</source>
        <translation>这是第一个预设</translation>
    </message>
    <message>
        <source>This is the last preset</source>
        <translation>这是最后一个预设</translation>
    </message>
    <message>
        <source>This is {where} step of the lesson</source>
        <translation>这是课程的{where}步</translation>
    </message>
    <message>
        <source>the first</source>
        <translation>第一</translation>
    </message>
    <message>
        <source>the last</source>
        <translation>最后一</translation>
    </message>
    <message>
        <source>{number}. {title} ({steps} steps)</source>
        <translation>{number}. {title}（{steps} 步）</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source>Answer option</source>
        <translation>答案选项</translation>
    </message>
    <message>
        <source>Answered right: {correct} of {answered} ({questions} questions)</source>
        <translation>答对：{correct} / {answered}（共 {questions} 题）</translation>
    </message>
    <message>
        <source>Back to the lesson</source>
        <translation>回到课程</translation>
    </message>
    <message>
        <source>Back to the lesson&apos;s step</source>
        <translation>回到课程的这一步</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Check the estimate</source>
        <translation>检查估计值</translation>
    </message>
    <message>
        <source>Count-down</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <source>Leave</source>
        <translation>离开</translation>
    </message>
    <message>
        <source>Leave the lesson</source>
        <translation>离开课程</translation>
    </message>
    <message>
        <source>Leave the lesson: the window keeps its state</source>
        <translation>离开课程：窗口保留当前状态</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <source>Next step (Page Down)</source>
        <translation>下一步（Page Down）</translation>
    </message>
    <message>
        <source>Next step (Page Down, → or ↓)</source>
        <translation>下一步（Page Down、→ 或 ↓）</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>下一步 ▶</translation>
    </message>
    <message>
        <source>Not quite.</source>
        <translation>不太对。</translation>
    </message>
    <message>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>Previous step (Page Up)</source>
        <translation>上一步（Page Up）</translation>
    </message>
    <message>
        <source>Previous step (Page Up, ← or ↑)</source>
        <translation>上一步（Page Up、← 或 ↑）</translation>
    </message>
    <message>
        <source>Reveal the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Right.</source>
        <translation>答对了。</translation>
    </message>
    <message>
        <source>Show me</source>
        <translation>给我看</translation>
    </message>
    <message>
        <source>Show the answer</source>
        <translation>显示答案</translation>
    </message>
    <message>
        <source>Shown without an answer.</source>
        <translation>未作答，直接看了答案。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start the count-down</source>
        <translation>开始倒计时</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>第 {n} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>The answer: {answer}</source>
        <translation>答案：{answer}</translation>
    </message>
    <message>
        <source>Time&apos;s up: reveal when ready</source>
        <translation>时间到：准备好后显示答案</translation>
    </message>
    <message>
        <source>You are exploring: the window differs from the step.</source>
        <translation>您正在自由探索：窗口与这一步不同。</translation>
    </message>
    <message>
        <source>Your estimate</source>
        <translation>您的估计</translation>
    </message>
    <message>
        <source>no count-down</source>
        <translation>不倒计时</translation>
    </message>
    <message>
        <source>your estimate</source>
        <translation>您的估计</translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation>{seconds} 秒</translation>
    </message>
    <message>
        <source>{seconds} s to think</source>
        <translation>思考 {seconds} 秒</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ 上一步</translation>
    </message>
</context>
<context>
    <name>LessonQuantities</name>
    <message>
        <source>a sample&apos;s loss (nats)</source>
        <translation>单个样本的损失（奈特）</translation>
    </message>
    <message>
        <source>bins</source>
        <translation>个区间</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>q of the true class, trained by {loss}</source>
        <translation>用{loss}训练时真实类别的 q</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>步</translation>
    </message>
    <message>
        <source>steps {loss} needs to bring the loss below {limit}</source>
        <translation>{loss}把损失降到 {limit} 以下所需的步数</translation>
    </message>
    <message>
        <source>the batch&apos;s mean loss (nats)</source>
        <translation>批次的平均损失（奈特）</translation>
    </message>
    <message>
        <source>the cross-entropy (nats), trained by {loss}</source>
        <translation>用{loss}训练时的交叉熵（奈特）</translation>
    </message>
    <message>
        <source>the forward fit</source>
        <translation>前向拟合</translation>
    </message>
    <message>
        <source>the loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>the ratio of the gradients</source>
        <translation>两个梯度之比</translation>
    </message>
    <message>
        <source>the reverse fit</source>
        <translation>反向拟合</translation>
    </message>
    <message>
        <source>the sum of P&apos;s information</source>
        <translation>P 的信息量之和</translation>
    </message>
    <message>
        <source>the sum of Q&apos;s information</source>
        <translation>Q 的信息量之和</translation>
    </message>
    <message>
        <source>the target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>the {loss} loss now</source>
        <translation>当前的{loss}损失</translation>
    </message>
    <message>
        <source>{divergence} of {fit}</source>
        <translation>{fit}的 {divergence}</translation>
    </message>
    <message>
        <source>{fit}&apos;s mass near peak {peak}</source>
        <translation>{fit}在峰 {peak} 附近的概率质量</translation>
    </message>
    <message>
        <source>{quantity} of outcome {index}</source>
        <translation>结果 {index} 的{quantity}</translation>
    </message>
    <message>
        <source>|dL/dz| of {loss} at z₀</source>
        <translation>{loss}在 z₀ 处的 |dL/dz|</translation>
    </message>
    <message>
        <source>μ of {fit}</source>
        <translation>{fit}的 μ</translation>
    </message>
    <message>
        <source>σ of {fit}</source>
        <translation>{fit}的 σ</translation>
    </message>
    <message>
        <source>∂L/∂z of {loss}</source>
        <translation>{loss}的 ∂L/∂z</translation>
    </message>
</context>
<context>
    <name>Lessons</name>
    <message>
        <source> and </source>
        <translation> 且 </translation>
    </message>
    <message>
        <source>?  Answer first</source>
        <translation>?  先作答</translation>
    </message>
    <message>
        <source>?  Asked on a later step</source>
        <translation>?  后面的步骤会问</translation>
    </message>
    <message>
        <source>Hidden until a later question is answered</source>
        <translation>在后面的问题回答之前隐藏</translation>
    </message>
    <message>
        <source>Hidden until you answer</source>
        <translation>作答后显示</translation>
    </message>
    <message>
        <source>already holds at the start ({facts})</source>
        <translation>在起点就已经成立（{facts}）</translation>
    </message>
    <message>
        <source>has a tie for the largest here: choose quantities that differ</source>
        <translation>在这里最大值并列：请选择取值不同的量</translation>
    </message>
    <message>
        <source>is out of reach as far as a search can tell: no setting of {fields} tried within their controls&apos; ranges makes {goal} true</source>
        <translation>就搜索所及无法达到：在 {fields} 控件的取值范围内试过的设置，没有一个能使 {goal} 成立</translation>
    </message>
    <message>
        <source>{quantity} is negative here</source>
        <translation>{quantity} 在这里为负</translation>
    </message>
</context>
<context>
    <name>LossSettings</name>
    <message>
        <source>Curve&apos;s class y</source>
        <translation>曲线的类别 y</translation>
    </message>
    <message>
        <source>Label smoothing epsilon</source>
        <translation>标签平滑 epsilon</translation>
    </message>
    <message>
        <source>Label smoothing ε</source>
        <translation>标签平滑 ε</translation>
    </message>
    <message>
        <source>Label smoothing ε: value</source>
        <translation>标签平滑 ε：值</translation>
    </message>
    <message>
        <source>Link Q to the softmax and the target to P</source>
        <translation>把 Q 关联到 Softmax，把目标关联到 P</translation>
    </message>
    <message>
        <source>Link: Q = softmax(z/T), target = P</source>
        <translation>关联：Q = softmax(z/T)，目标 = P</translation>
    </message>
    <message>
        <source>Linked, the target is P, not one class: y picks the logit z_y
that the loss curve sweeps, and the class outlined in the plots.</source>
        <translation>关联时目标是 P，而不是某一个类别：y 只选定损失曲线扫过的 logit z_y，
以及图中描边标出的类别。</translation>
    </message>
    <message>
        <source>Q becomes the softmax of the logits and the loss&apos;s target becomes
P smoothed: (1 − ε)·P + ε/K. The loss is then H(that target, Q);
at ε = 0 it is H(P,Q), and KL(P‖Q) = loss − H(P).</source>
        <translation>Q 变为 logits 的 Softmax，损失的目标变为平滑后的 P：(1 − ε)·P + ε/K。
此时损失为 H(该目标, Q)；
ε = 0 时即为 H(P,Q)，且 KL(P‖Q) = 损失 − H(P)。</translation>
    </message>
    <message>
        <source>Q becomes the softmax of the logits and the loss&apos;s target becomes P:
the loss is then H(P,Q), and KL(P‖Q) = loss − H(P).</source>
        <translation>Q 变为 logits 的 Softmax，损失的目标变为 P：
此时损失为 H(P,Q)，且 KL(P‖Q) = 损失 − H(P)。</translation>
    </message>
    <message>
        <source>Smoothed by ε, the target is (1 − ε)·P + ε/K, not P: the loss is the cross-entropy against it, H(target, Q).</source>
        <translation>经 ε 平滑后，目标是 (1 − ε)·P + ε/K，而不是 P：损失是相对它的交叉熵 H(目标, Q)。</translation>
    </message>
    <message>
        <source>Softmax temperature T</source>
        <translation>Softmax 温度 T</translation>
    </message>
    <message>
        <source>Temperature T</source>
        <translation>温度 T</translation>
    </message>
    <message>
        <source>Temperature T: value</source>
        <translation>温度 T：值</translation>
    </message>
    <message>
        <source>True class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <source>True class y</source>
        <translation>真实类别 y</translation>
    </message>
    <message>
        <source>class {index}</source>
        <translation>类别 {index}</translation>
    </message>
</context>
<context>
    <name>Losses</name>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Squared error</source>
        <translation>平方误差</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>squared error</source>
        <translation>平方误差</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;About Entropy Lab</source>
        <translation>关于 Entropy Lab(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>实际大小(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Caption line</source>
        <translation>字幕栏(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Clear the pinned state</source>
        <translation>清除固定的状态(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Copy readouts as text</source>
        <translation>将读数复制为文本(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Lecture mode</source>
        <translation>讲课模式(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Pin this state to compare (dashed ghosts)</source>
        <translation>固定此状态以作比较（虚线幽灵）(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save session</source>
        <translation>保存会话(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>A &amp;tour of the window</source>
        <translation>窗口导览(&amp;T)</translation>
    </message>
    <message>
        <source>Animation: a run or a sweep (GIF or APNG)…</source>
        <translation>动画：一次运行或一次扫描（GIF 或 APNG）…</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Changed on the Explorer page</source>
        <translation>已在探索器页面上更改</translation>
    </message>
    <message>
        <source>Changed since the example was loaded: the numbers in this text describe the example, not what is on show.</source>
        <translation>自载入例子以来已有更改：本说明中的数字描述的是例子，而不是当前显示的内容。</translation>
    </message>
    <message>
        <source>Copy P &amp;to Q</source>
        <translation>把 P 复制到 Q(&amp;T)</translation>
    </message>
    <message>
        <source>Could not export the table</source>
        <translation>无法导出表格</translation>
    </message>
    <message>
        <source>Could not open the session</source>
        <translation>无法打开会话</translation>
    </message>
    <message>
        <source>Could not save the session</source>
        <translation>无法保存会话</translation>
    </message>
    <message>
        <source>Entropy Lab sessions (*.json)</source>
        <translation>Entropy Lab 会话 (*.json)</translation>
    </message>
    <message>
        <source>Export table</source>
        <translation>导出表格</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Gradient per logit</source>
        <translation>每个 logit 的梯度</translation>
    </message>
    <message>
        <source>Ignored damaged remembered settings ({names}); defaults apply.</source>
        <translation>已忽略损坏的记忆设置（{names}）；使用默认值。</translation>
    </message>
    <message>
        <source>Information as area</source>
        <translation>以面积表示的信息量</translation>
    </message>
    <message>
        <source>KL terms and totals</source>
        <translation>KL 各项与总和</translation>
    </message>
    <message>
        <source>Laser &amp;pointer</source>
        <translation>激光笔(&amp;P)</translation>
    </message>
    <message>
        <source>Leave lecture mode and full screen</source>
        <translation>离开讲课模式和全屏</translation>
    </message>
    <message>
        <source>Loss vs true-class logit</source>
        <translation>损失随真实类别 logit 的变化</translation>
    </message>
    <message>
        <source>Next outcome&apos;s slider</source>
        <translation>下一个结果的滑块</translation>
    </message>
    <message>
        <source>Next plots</source>
        <translation>后面的图</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Opened {path}, but not every model in it could be shown: Save asks for a new file, so that this one keeps them.</source>
        <translation>已打开 {path}，但其中的模型没能全部显示：保存时会请你选择一个新文件，以便这个文件保留它们。</translation>
    </message>
    <message>
        <source>P and Q</source>
        <translation>P 和 Q</translation>
    </message>
    <message>
        <source>P and Q were pasted as more than {n} characters each: a session keeps a digest of such text, not the text, and opens with the example in their place. To keep them, save the values to files and open those files instead.</source>
        <translation>P 和 Q 粘贴的文本都超过 {n} 个字符：会话只保存这类文本的摘要，不保存文本本身，打开时会用示例代替它们。要保留它们，请把这些值存为文件，再打开那些文件。</translation>
    </message>
    <message>
        <source>Per-outcome table as CSV…</source>
        <translation>逐结果表格，导出为 CSV…</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <source>Preset: {title}</source>
        <translation>预设：{title}</translation>
    </message>
    <message>
        <source>Preset: {title}. The Explorer holds its scenario too (Ctrl+Z on the Explorer brings yours back).</source>
        <translation>预设：{title}。探索器也换成了它的场景（在探索器中按 Ctrl+Z 可恢复你的场景）。</translation>
    </message>
    <message>
        <source>Previous outcome&apos;s slider</source>
        <translation>上一个结果的滑块</translation>
    </message>
    <message>
        <source>Previous plots</source>
        <translation>前面的图</translation>
    </message>
    <message>
        <source>Readouts copied to the clipboard</source>
        <translation>读数已复制到剪贴板</translation>
    </message>
    <message>
        <source>Reset to the default scenario</source>
        <translation>重置为默认场景</translation>
    </message>
    <message>
        <source>S&amp;wap P and Q</source>
        <translation>交换 P 和 Q(&amp;W)</translation>
    </message>
    <message>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <source>Save session &amp;as…</source>
        <translation>会话另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Saved, but not every pasted model</source>
        <translation>已保存，但没有保存每个粘贴的模型</translation>
    </message>
    <message>
        <source>Show the controls column</source>
        <translation>显示控件栏</translation>
    </message>
    <message>
        <source>Show the readouts</source>
        <translation>显示读数</translation>
    </message>
    <message>
        <source>Show {plot}</source>
        <translation>显示{plot}</translation>
    </message>
    <message>
        <source>Single step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Softmax vs target</source>
        <translation>Softmax 与目标</translation>
    </message>
    <message>
        <source>The explorer is back at its default scenario.</source>
        <translation>探索器已恢复为默认场景。</translation>
    </message>
    <message>
        <source>The page on show, as on screen (SVG, PDF or PNG)…</source>
        <translation>当前页面，与屏幕上相同（SVG、PDF 或 PNG）…</translation>
    </message>
    <message>
        <source>This explains the example on the {page} page.</source>
        <translation>这是对{page}页面上例子的说明。</translation>
    </message>
    <message>
        <source>This preset cannot be shown</source>
        <translation>无法显示这个预设</translation>
    </message>
    <message>
        <source>Whole window as a picture (SVG, PDF or PNG)…</source>
        <translation>整个窗口导出为图片（SVG、PDF 或 PNG）…</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>Zoom {percent}</source>
        <translation>缩放 {percent}</translation>
    </message>
    <message>
        <source>{model} was pasted as more than {n} characters: a session keeps a digest of such text, not the text, and opens with the example in its place. To keep it, save the values to a file and open that file instead.</source>
        <translation>{model} 粘贴的文本超过 {n} 个字符：会话只保存这类文本的摘要，不保存文本本身，打开时会用示例代替它。要保留它，请把这些值存为文件，再打开那个文件。</translation>
    </message>
    <message>
        <source>{slide} as a slide…</source>
        <translation>{slide}，导出为幻灯片…</translation>
    </message>
    <message>
        <source>{title}: {message}</source>
        <translation>{title}：{message}</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source> (give {option})</source>
        <translation>（请给出 {option}）</translation>
    </message>
    <message>
        <source>--label must be an integer class, got {value}</source>
        <translation>--label 必须是整数类别，得到的是 {value}</translation>
    </message>
    <message>
        <source>--label must lie in [0, {last}] (classes count from 0)</source>
        <translation>--label 必须在 [0, {last}] 之内（类别从 0 开始计数）</translation>
    </message>
    <message>
        <source>--logits has {count} entries but --p has {k}: give --logits {k} values (one per outcome of --p)</source>
        <translation>--logits 有 {count} 个值，而 --p 有 {k} 个：请给 --logits {k} 个值（--p 的每个结果一个）</translation>
    </message>
    <message>
        <source>--logits needs at least 2 entries, got {count}</source>
        <translation>--logits 至少需要 2 个值，得到的是 {count} 个</translation>
    </message>
    <message>
        <source>--q has {count} entries but --p has {k}: give --q {k} values</source>
        <translation>--q 有 {count} 个值，而 --p 有 {k} 个：请给 --q {k} 个值</translation>
    </message>
    <message>
        <source>--q needs --p: give both, or --logits and --label alone</source>
        <translation>--q 需要 --p：两者都给出，或只给出 --logits 和 --label</translation>
    </message>
    <message>
        <source>--smoothing must lie in [0, 1], got {value}</source>
        <translation>--smoothing 必须在 [0, 1] 之内，得到的是 {value}</translation>
    </message>
    <message>
        <source>--temperature must be &gt; 0, got {value}</source>
        <translation>--temperature 必须 &gt; 0，得到的是 {value}</translation>
    </message>
    <message>
        <source>--temperature must lie in [{low}, {high}] for next-token files, got {value}</source>
        <translation>对于下一词元文件，--temperature 必须在 [{low}, {high}] 之内，得到的是 {value}</translation>
    </message>
    <message>
        <source>--units must be bits or nats, got {value}</source>
        <translation>--units 必须是 bits（比特）或 nats（奈特），得到的是 {value}</translation>
    </message>
    <message>
        <source>give --q (with --p), or --logits: there is no Q</source>
        <translation>请给出 --q（与 --p 一起），或 --logits：没有 Q</translation>
    </message>
    <message>
        <source>{option} has {count} entries; at most {most}</source>
        <translation>{option} 有 {count} 个值；最多 {most} 个</translation>
    </message>
    <message>
        <source>{option} is all zero: at least one weight must be positive</source>
        <translation>{option} 全为零：至少一个权重必须为正</translation>
    </message>
    <message>
        <source>{option} must be a number, got {value}</source>
        <translation>{option} 必须是数字，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} must be a real number, got {value}</source>
        <translation>{option} 必须是实数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} must be an integer ≥ 1, got {value}</source>
        <translation>{option} 必须是 ≥ 1 的整数，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} must be finite, got an integer too large</source>
        <translation>{option} 必须是有限值，得到的整数太大</translation>
    </message>
    <message>
        <source>{option} must be finite, got {value}</source>
        <translation>{option} 必须是有限值，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} must be numbers separated by commas, e.g. 0.7,0.3</source>
        <translation>{option} 必须是以逗号分隔的数字，例如 0.7,0.3</translation>
    </message>
    <message>
        <source>{option} must be one of {choices}, got {value}</source>
        <translation>{option} 必须是 {choices} 之一，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} must lie in {interval}, got {value}</source>
        <translation>{option} 必须在 {interval} 之内，得到的是 {value}</translation>
    </message>
    <message>
        <source>{option} needs at least 2 outcomes, got {count}</source>
        <translation>{option} 至少需要 2 个结果，得到的是 {count} 个</translation>
    </message>
    <message>
        <source>{option}: entry {index} ({entry}) is not a number</source>
        <translation>{option}：第 {index} 项（{entry}）不是数字</translation>
    </message>
    <message>
        <source>{option}: entry {index} ({entry}) is not finite</source>
        <translation>{option}：第 {index} 项（{entry}）不是有限值</translation>
    </message>
    <message>
        <source>{option}: entry {index} is empty; give numbers separated by commas, e.g. 0.7,0.3</source>
        <translation>{option}：第 {index} 项为空；请给出以逗号分隔的数字，例如 0.7,0.3</translation>
    </message>
    <message>
        <source>{option}: entry {index} is negative ({value})</source>
        <translation>{option}：第 {index} 项为负（{value}）</translation>
    </message>
</context>
<context>
    <name>ModelReadouts</name>
    <message>
        <source>D(model ‖ truncated)</source>
        <translation>D(模型 ‖ 截断后)</translation>
    </message>
    <message>
        <source>D(model ‖ truncated): ∞ whenever anything is cut, since the truncated model gives 0 to tokens the model can emit</source>
        <translation>D(模型 ‖ 截断后)：只要有任何词元被截掉就为 ∞，因为截断后的模型给模型可能生成的词元分配了 0 概率</translation>
    </message>
    <message>
        <source>D(truncated ‖ model)</source>
        <translation>D(截断后 ‖ 模型)</translation>
    </message>
    <message>
        <source>D(truncated ‖ model) = −log(1 − cut): the renormalisation&apos;s cost</source>
        <translation>D(截断后 ‖ 模型) = −log(1 − 截掉的质量)：重新归一化的代价</translation>
    </message>
    <message>
        <source>Each arrow: the tempered model → its renormalised truncation</source>
        <translation>每个箭头：经温度调整的模型 → 其重新归一化的截断</translation>
    </message>
    <message>
        <source>Entropy of the tempered model → of its renormalised truncation</source>
        <translation>经温度调整的模型的熵 → 其重新归一化的截断的熵</translation>
    </message>
    <message>
        <source>JS(model, truncated)</source>
        <translation>JS(模型, 截断后)</translation>
    </message>
    <message>
        <source>Jensen–Shannon divergence: symmetric and always finite</source>
        <translation>Jensen–Shannon 散度：对称且总是有限</translation>
    </message>
    <message>
        <source>Perplexity 2^H (e^H in nats): tempered → truncated; the number of equally likely tokens with the same entropy</source>
        <translation>困惑度 2^H（以奈特计为 e^H）：温度调整后 → 截断后；熵相同的等可能词元的个数</translation>
    </message>
    <message>
        <source>The probability the truncation removes</source>
        <translation>截断去掉的概率</translation>
    </message>
    <message>
        <source>Tokens the truncation keeps, of those with p &gt; 0</source>
        <translation>在 p &gt; 0 的词元中，截断保留的词元数</translation>
    </message>
    <message>
        <source>Why ∞</source>
        <translation>为何为 ∞</translation>
    </message>
    <message>
        <source>before → after the cut</source>
        <translation>截断前 → 截断后</translation>
    </message>
    <message>
        <source>entropy H</source>
        <translation>熵 H</translation>
    </message>
    <message>
        <source>mass cut off</source>
        <translation>截掉的质量</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>tokens kept</source>
        <translation>保留的词元</translation>
    </message>
    <message>
        <source>{model}: {quantity}</source>
        <translation>{model}：{quantity}</translation>
    </message>
</context>
<context>
    <name>ModelsPanel</name>
    <message>
        <source>, no strings</source>
        <translation>，无字符串</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Import {model} from a file</source>
        <translation>从文件导入 {model}</translation>
    </message>
    <message>
        <source>Import {model} from the clipboard</source>
        <translation>从剪贴板导入 {model}</translation>
    </message>
    <message>
        <source>No Q</source>
        <translation>无 Q</translation>
    </message>
    <message>
        <source>Open {model}…</source>
        <translation>打开 {model}…</translation>
    </message>
    <message>
        <source>Paste {model}</source>
        <translation>粘贴 {model}</translation>
    </message>
    <message>
        <source>Remove Q</source>
        <translation>移除 Q</translation>
    </message>
    <message>
        <source>Show the bundled example</source>
        <translation>显示内置示例</translation>
    </message>
    <message>
        <source>The example&apos;s tokens</source>
        <translation>示例的词元</translation>
    </message>
    <message>
        <source>What an imported file holds</source>
        <translation>导入的文件包含什么</translation>
    </message>
    <message>
        <source>Where it came from</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>log-probabilities</source>
        <translation>对数概率</translation>
    </message>
    <message>
        <source>logits</source>
        <translation>logits</translation>
    </message>
    <message>
        <source>probabilities</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>the bundled example</source>
        <translation>内置示例</translation>
    </message>
    <message>
        <source>values are</source>
        <translation>数值为</translation>
    </message>
    <message>
        <source>{kind}, detected</source>
        <translation>{kind}，自动检测</translation>
    </message>
    <message>
        <source>{mark}: none (one model)</source>
        <translation>{mark}：无（一个模型）</translation>
    </message>
    <message>
        <source>{mark}: {where} · {size} tokens · {how}{strings}</source>
        <translation>{mark}：{where} · {size} 个词元 · {how}{strings}</translation>
    </message>
    <message>
        <source>{size} tokens</source>
        <translation>{size} 个词元</translation>
    </message>
</context>
<context>
    <name>NextTokenPage</name>
    <message>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <source>&gt; 0, below {smallest}</source>
        <translation>&gt; 0，但小于 {smallest}</translation>
    </message>
    <message>
        <source>D(model ‖ truncated) = ∞: the model can emit the tokens cut.</source>
        <translation>D(模型 ‖ 截断后) = ∞：模型可能生成被截掉的词元。</translation>
    </message>
    <message numerus="yes">
        <source>D({keeper}̃‖{other}̃) = ∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps ({causes}), such as {token}</source>
        <translation>
            <numerusform>D({keeper}̃‖{other}̃) = ∞：{other}̃ 给 {keeper}̃ 保留的 {count} 个词元分配了 0 概率（{causes}），例如 {token}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to {count} tokens that {model} can emit ({mass} of its probability).</source>
        <translation>
            <numerusform>D({model}‖{model}̃) = ∞：截断给 {model} 可能生成的 {count} 个词元分配了 0 概率（占其概率的 {mass}）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Decode Q with P&apos;s settings</source>
        <translation>用 P 的设置解码 Q</translation>
    </message>
    <message>
        <source>Decoding P</source>
        <translation>解码 P</translation>
    </message>
    <message>
        <source>Decoding P (and Q while linked)</source>
        <translation>解码 P（关联时也解码 Q）</translation>
    </message>
    <message>
        <source>Decoding Q</source>
        <translation>解码 Q</translation>
    </message>
    <message>
        <source>Distributions (*.npy *.csv *.tsv *.txt *.json);;All files (*)</source>
        <translation>分布 (*.npy *.csv *.tsv *.txt *.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Jensen–Shannon: symmetric and finite</source>
        <translation>Jensen–Shannon：对称且有限</translation>
    </message>
    <message>
        <source>KL divergence of the truncated models</source>
        <translation>截断后模型的 KL散度</translation>
    </message>
    <message>
        <source>KL divergence the other way round</source>
        <translation>反方向的 KL散度</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Open {model}&apos;s next-token distribution</source>
        <translation>打开 {model} 的下一词元分布</translation>
    </message>
    <message>
        <source>Q uses P&apos;s settings</source>
        <translation>Q 使用 P 的设置</translation>
    </message>
    <message>
        <source>The clipboard holds no text to import.</source>
        <translation>剪贴板中没有可导入的文本。</translation>
    </message>
    <message>
        <source>Top tokens</source>
        <translation>高概率词元</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Whose top tokens</source>
        <translation>谁的高概率词元</translation>
    </message>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
    <message>
        <source>one model: import or show a Q</source>
        <translation>一个模型：导入或显示一个 Q</translation>
    </message>
    <message>
        <source>the clipboard</source>
        <translation>剪贴板</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>{before} → {after}</source>
        <translation>{before} → {after}</translation>
    </message>
    <message>
        <source>{before} → {after} {units}</source>
        <translation>{before} → {after} {units}</translation>
    </message>
    <message numerus="yes">
        <source>{count} cut by {other}&apos;s truncation</source>
        <translation>
            <numerusform>{count} 个被 {other} 的截断截掉</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} impossible for {other} (−∞ logits)</source>
        <translation>
            <numerusform>{count} 个对 {other} 不可能（logits 为 −∞）</numerusform>
        </translation>
    </message>
    <message>
        <source>{kept} of {possible}</source>
        <translation>{kept} / {possible}</translation>
    </message>
    <message>
        <source>{model}&apos;s top tokens</source>
        <translation>{model} 的高概率词元</translation>
    </message>
    <message>
        <source>{source} was not imported as {model}: {reason}</source>
        <translation>{source} 未作为 {model} 导入：{reason}</translation>
    </message>
    <message numerus="yes">
        <source>∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps, such as {token}</source>
        <translation>
            <numerusform>∞：{other}̃ 给 {keeper}̃ 保留的 {count} 个词元分配了 0 概率，例如 {token}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>OutcomeAxis</name>
    <message>
        <source>{axis} rank (log scale)</source>
        <translation>{axis}排名（对数坐标）</translation>
    </message>
</context>
<context>
    <name>OutcomeCount</name>
    <message>
        <source>Number of outcomes K</source>
        <translation>结果数 K</translation>
    </message>
    <message>
        <source>Outcomes K</source>
        <translation>结果数 K</translation>
    </message>
</context>
<context>
    <name>Page</name>
    <message>
        <source>Nothing left to play: reset (or change a setting) first.</source>
        <translation>没有可播放的了：请先重置（或修改某个设置）。</translation>
    </message>
    <message>
        <source>Nothing left to step: reset (or change a setting) first.</source>
        <translation>没有可单步执行的了：请先重置（或修改某个设置）。</translation>
    </message>
    <message>
        <source>Nothing to play on this page: its numbers follow every edit.</source>
        <translation>本页面没有可播放的内容：它的数字随每次编辑而变化。</translation>
    </message>
</context>
<context>
    <name>PageHints</name>
    <message>
        <source>Edit a logit or a label in the table: each sample&apos;s loss and the batch&apos;s mean follow. Add or remove samples with the buttons.</source>
        <translation>在表中编辑一个 logit 或标签：每个样本的损失和批次的平均值随之变化。用按钮添加或删除样本。</translation>
    </message>
    <message>
        <source>Move a family&apos;s sliders to reshape P and Q. Presets: keys 1–9.</source>
        <translation>移动分布族的滑块来重塑 P 和 Q。预设：按键 1–9。</translation>
    </message>
    <message>
        <source>Move a slider or drag a bar. Presets: keys 1–9.</source>
        <translation>移动滑块或拖动柱条。预设：按键 1–9。</translation>
    </message>
    <message>
        <source>Move the temperature, top-k, top-p and min-p to decode P and Q; open or paste your own logits.</source>
        <translation>调节温度、top-k、top-p 和 min-p 来解码 P 和 Q；打开或粘贴您自己的 logits。</translation>
    </message>
    <message>
        <source>Press Play (Space) and watch both fits; move P&apos;s peaks, also while they run, or try a new random start.</source>
        <translation>按“播放”（空格键）观察两个拟合；移动 P 的峰（运行时也可以），或试一个新的随机起点。</translation>
    </message>
    <message>
        <source>Press Play (Space) or Draw 1 (.) to code P&apos;s draws four ways; change P or Q on the Explorer for new codes.</source>
        <translation>按“播放”（空格键）或“抽样 1 次”（.），用四种编码对 P 的样本编码；在探索器中修改 P 或 Q 得到新的编码。</translation>
    </message>
    <message>
        <source>Press Play (Space) or Draw 1 (.) to draw from P and Q; change P or Q on the Explorer to start again.</source>
        <translation>按“播放”（空格键）或“抽样 1 次”（.）从 P 和 Q 抽样；在探索器中修改 P 或 Q 就重新开始。</translation>
    </message>
    <message>
        <source>Set the learning rate and press Play (Space): both losses train the Explorer&apos;s logits side by side.</source>
        <translation>设置学习率并按“播放”（空格键）：两种损失并排训练探索器的 logits。</translation>
    </message>
    <message>
        <source>Set z₀, the label y and the learning rate, then press Play (Space): squared error and cross-entropy race from z₀.</source>
        <translation>设置 z₀、标签 y 和学习率，然后按“播放”（空格键）：平方误差与交叉熵从 z₀ 开始赛跑。</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <source>A PyTorch batch</source>
        <translation>一个 PyTorch 批次</translation>
    </message>
    <message>
        <source>Code lengths</source>
        <translation>码长</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <source>Forward vs reverse KL</source>
        <translation>前向 KL 与反向 KL</translation>
    </message>
    <message>
        <source>Next-token lab</source>
        <translation>下一词元实验</translation>
    </message>
    <message>
        <source>Sampling</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Training the logits</source>
        <translation>训练 logits</translation>
    </message>
    <message>
        <source>Vanishing gradients</source>
        <translation>梯度消失</translation>
    </message>
</context>
<context>
    <name>PairReadout</name>
    <message>
        <source>Why it is infinite</source>
        <translation>为什么是无穷大</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <source>One gradient step (.)</source>
        <translation>一步梯度下降 (.)</translation>
    </message>
    <message>
        <source>One step of {what} (.)</source>
        <translation>{what}前进一步 (.)</translation>
    </message>
    <message>
        <source>Play or pause (Space)</source>
        <translation>播放或暂停（空格）</translation>
    </message>
    <message>
        <source>Play or pause {what} (Space)</source>
        <translation>播放或暂停{what}（空格）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset {what}</source>
        <translation>重置{what}</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>▶ Play</source>
        <translation>▶ 播放</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 暂停</translation>
    </message>
</context>
<context>
    <name>PlotGrid</name>
    <message>
        <source>Show the next plots (Alt+Right)</source>
        <translation>显示后面的图（Alt+Right）</translation>
    </message>
    <message>
        <source>Show the previous plots (Alt+Left)</source>
        <translation>显示前面的图（Alt+Left）</translation>
    </message>
    <message>
        <source>Which plots are on show</source>
        <translation>显示哪些图</translation>
    </message>
    <message>
        <source>plots {shown} of {count} · Alt+→ for more</source>
        <translation>第 {shown} 组图，共 {count} 组 · 按 Alt+→ 查看更多</translation>
    </message>
</context>
<context>
    <name>Plots</name>
    <message>
        <source>D both ways; {h} + {d}</source>
        <translation>两个方向的 D；{h} + {d}</translation>
    </message>
    <message>
        <source>L = ∞ for every z</source>
        <translation>对每个 z，L = ∞</translation>
    </message>
    <message>
        <source>The gradient is of the loss in nats: ∂L/∂z = (softmax − y)/T, the rule
a network trains with. Measured in bits the loss is 1/ln 2 ≈ 1.443 times
larger, and so is its gradient; its direction is the same.</source>
        <translation>这是以奈特计的损失的梯度：∂L/∂z = (softmax − y)/T，即网络
训练时所用的规则。以比特计时，损失是它的 1/ln 2 ≈ 1.443 倍，
梯度也一样；梯度的方向不变。</translation>
    </message>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>contribution</source>
        <translation>贡献</translation>
    </message>
    <message>
        <source>contribution ({units})</source>
        <translation>贡献（{units}）</translation>
    </message>
    <message>
        <source>drag a bar</source>
        <translation>拖动柱条</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>loss ({units})</source>
        <translation>损失（{units}）</translation>
    </message>
    <message>
        <source>loss vs z&lt;sub&gt;y&lt;/sub&gt;, others fixed</source>
        <translation>损失随 z&lt;sub&gt;y&lt;/sub&gt; 的变化，其余固定</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>outcomes, each p wide</source>
        <translation>结果，每个宽为 p</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>the target needs class {needed}, whose q is 0</source>
        <translation>目标需要类别 {needed}，但它的 q 为 0</translation>
    </message>
    <message>
        <source>{h_p} {h_q} as areas</source>
        <translation>以面积表示的 {h_p} {h_q}</translation>
    </message>
    <message>
        <source>{p} and {q}</source>
        <translation>{p} 和 {q}</translation>
    </message>
    <message>
        <source>{softmax} vs {target}</source>
        <translation>{softmax} 与 {target}</translation>
    </message>
    <message>
        <source>∂L/∂z, L in nats</source>
        <translation>∂L/∂z，L 以奈特计</translation>
    </message>
    <message>
        <source>∂L/∂z&lt;sub&gt;y&lt;/sub&gt;, L in nats</source>
        <translation>∂L/∂z&lt;sub&gt;y&lt;/sub&gt;，L 以奈特计</translation>
    </message>
    <message>
        <source>−log p ({units})</source>
        <translation>−log p（{units}）</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>id must be lower-case words joined by hyphens</source>
        <translation>id 必须是由连字符连接的小写单词</translation>
    </message>
    <message>
        <source>key must be 1 to 9 or null, got {key}</source>
        <translation>key 必须是 1 到 9 或 null，得到的是 {key}</translation>
    </message>
    <message>
        <source>preset {index}</source>
        <translation>预设 {index}</translation>
    </message>
    <message>
        <source>preset {index} ({id})</source>
        <translation>预设 {index}（{id}）</translation>
    </message>
    <message>
        <source>version must be {version}</source>
        <translation>version 必须是 {version}</translation>
    </message>
    <message>
        <source>{source}: key {key} is used by both {one} and {other}</source>
        <translation>{source}：按键 {key} 同时被 {one} 和 {other} 使用</translation>
    </message>
    <message>
        <source>{source}: the id {id} appears twice</source>
        <translation>{source}：id {id} 出现了两次</translation>
    </message>
</context>
<context>
    <name>ProblemLabel</name>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>RankPlot</name>
    <message>
        <source>Probability by rank, log–log: {p}</source>
        <translation>按排名的概率，双对数坐标：{p}</translation>
    </message>
    <message>
        <source>Probability by rank, log–log: {p} solid, {q} dashed</source>
        <translation>按排名的概率，双对数坐标：{p} 实线，{q} 虚线</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>rank (1 = most probable)</source>
        <translation>排名（1 = 概率最高）</translation>
    </message>
    <message>
        <source>shaded: the tail the truncation cuts</source>
        <translation>阴影：截断截掉的尾部</translation>
    </message>
</context>
<context>
    <name>Readouts</name>
    <message>
        <source>Cross-entropy loss of the logits against the target</source>
        <translation>logits 相对目标的交叉熵损失</translation>
    </message>
    <message>
        <source>Cross-entropy −Σ p log q = H(P) + D(P‖Q)</source>
        <translation>交叉熵 −Σ p log q = H(P) + D(P‖Q)</translation>
    </message>
    <message>
        <source>Cross-entropy −Σ q log p = H(Q) + D(Q‖P)</source>
        <translation>交叉熵 −Σ q log p = H(Q) + D(Q‖P)</translation>
    </message>
    <message>
        <source>Entropy of P: −Σ p log p</source>
        <translation>P 的熵：−Σ p log p</translation>
    </message>
    <message>
        <source>Entropy of Q: −Σ q log q</source>
        <translation>Q 的熵：−Σ q log q</translation>
    </message>
    <message>
        <source>Jensen–Shannon divergence: symmetric, at most 1 bit</source>
        <translation>Jensen–Shannon 散度：对称，至多 1 比特</translation>
    </message>
    <message>
        <source>KL divergence Σ p log(p/q)</source>
        <translation>KL散度 Σ p log(p/q)</translation>
    </message>
    <message>
        <source>KL divergence Σ q log(q/p): not the same as D(P‖Q)</source>
        <translation>KL散度 Σ q log(q/p)：与 D(P‖Q) 不同</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>pinned: {value}</source>
        <translation>固定值：{value}</translation>
    </message>
</context>
<context>
    <name>Reasons</name>
    <message>
        <source>P = 0 where Q &gt; 0</source>
        <translation>Q &gt; 0 处 P = 0</translation>
    </message>
    <message>
        <source>Q = 0 where P &gt; 0</source>
        <translation>P &gt; 0 处 Q = 0</translation>
    </message>
    <message>
        <source>outcome {index}</source>
        <translation>结果 {index}</translation>
    </message>
    <message>
        <source>outcomes {first} and {last}</source>
        <translation>结果 {first} 和 {last}</translation>
    </message>
    <message>
        <source>outcomes {first} and {more} more</source>
        <translation>结果 {first} 及另外 {more} 个</translation>
    </message>
    <message>
        <source>softmax = 0 where the target &gt; 0</source>
        <translation>目标 &gt; 0 处 Softmax = 0</translation>
    </message>
    <message>
        <source>{cause} at {outcomes}</source>
        <translation>{cause}：{outcomes}</translation>
    </message>
</context>
<context>
    <name>SamplingPage</name>
    <message>
        <source> (draws: {value})</source>
        <translation>（抽样：{value}）</translation>
    </message>
    <message>
        <source> Here Q misses an outcome of P: −log q(x) and log p(x)/q(x) are ∞ from the first time it is drawn, and k3, unbiased while Q gives every outcome of P a chance, now falls short of D(Q‖P) by P(Q = 0), P&apos;s mass there: that many nats, or P(Q = 0)/ln 2 bits (its bias in the table).&lt;br&gt;&lt;b&gt;Try next:&lt;/b&gt; give that outcome a little weight in Q again and watch every mean turn finite and k3&apos;s bias vanish.</source>
        <translation>这里 Q 漏掉了 P 的一个结果：从该结果第一次被抽到起，−log q(x) 和 log p(x)/q(x) 都是 ∞；k3 只在 Q 给 P 的每个结果都留有机会时才无偏，现在它比 D(Q‖P) 少了 P(Q = 0)，即 P 在那里的概率质量：以奈特计正是这么多，以比特计为 P(Q = 0)/ln 2（即表中它的偏差）。&lt;br&gt;&lt;b&gt;接下来试试：&lt;/b&gt;在 Q 中给那个结果一点权重，观察每个平均值重新变为有限，k3 的偏差消失。</translation>
    </message>
    <message>
        <source> k3 is unbiased, with the smallest variance when Q is close to P.&lt;br&gt;&lt;b&gt;Try next:&lt;/b&gt; make Q miss an outcome of P on the Explorer and watch −log q(x) hit ∞ the first time it is drawn, and k3 become biased.</source>
        <translation>k3 无偏，且当 Q 接近 P 时方差最小。&lt;br&gt;&lt;b&gt;接下来试试：&lt;/b&gt;在探索器中让 Q 漏掉 P 的一个结果，观察 −log q(x) 在该结果第一次被抽到时变为 ∞，k3 也随之有偏。</translation>
    </message>
    <message>
        <source>0 (unbiased)</source>
        <translation>0（无偏）</translation>
    </message>
    <message>
        <source>; its mean → {value}</source>
        <translation>；其平均值 → {value}</translation>
    </message>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; Each draw&apos;s information jumps about; its running mean settles on the exact value, and the ±2 SE band around it shrinks as 1/√n: 100 times the draws, a tenth of the width. −log q(x) = −log p(x) + log p(x)/q(x) draw by draw, so H(P,Q) = H(P) + D(P‖Q). k1 can go negative on a single draw; k2 and k3 never do.</source>
        <translation>&lt;b&gt;看什么。&lt;/b&gt;每次抽样的信息量上下跳动；它的累计平均值稳定在精确值上，周围的 ±2 SE 带按 1/√n 收窄：抽样次数增加 100 倍，宽度缩小到十分之一。逐次抽样都有 −log q(x) = −log p(x) + log p(x)/q(x)，所以 H(P,Q) = H(P) + D(P‖Q)。k1 在单次抽样上可能为负；k2 和 k3 从不为负。</translation>
    </message>
    <message>
        <source>&lt;b&gt;bias&lt;/b&gt;</source>
        <translation>&lt;b&gt;偏差&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;converges to&lt;/b&gt;</source>
        <translation>&lt;b&gt;收敛到&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;drawn from&lt;/b&gt;</source>
        <translation>&lt;b&gt;抽样自&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;each draw&apos;s value&lt;/b&gt;</source>
        <translation>&lt;b&gt;每次抽样的值&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;running mean ± 2 SE&lt;/b&gt; ({units})</source>
        <translation>&lt;b&gt;累计平均值 ± 2 SE&lt;/b&gt;（{units}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;variance of one draw&lt;/b&gt; ({units}²)</source>
        <translation>&lt;b&gt;单次抽样的方差&lt;/b&gt;（{units}²）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</source>
        <translation>&lt;b&gt;{mean}&lt;/b&gt; ± {error}</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from each of P and Q</source>
        <translation>
            <numerusform>从 P 和 Q 各抽样 &lt;b&gt;{n}&lt;/b&gt; 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Draw 1</source>
        <translation>抽样 1 次</translation>
    </message>
    <message>
        <source>Draws from P and, in step, from Q</source>
        <translation>从 P 抽样，同步从 Q 抽样</translation>
    </message>
    <message>
        <source>Draws so far</source>
        <translation>已抽样次数</translation>
    </message>
    <message>
        <source>How the values are computed</source>
        <translation>数值的计算方式</translation>
    </message>
    <message>
        <source>K = {k} outcomes, of an earlier P and Q: the Explorer&apos;s have changed since. Reset draws from the Explorer&apos;s again.</source>
        <translation>K = {k} 个结果，来自之前的一组 P 和 Q：探索器中的 P 和 Q 已经改变。“重置”会重新从探索器的 P 和 Q 抽样。</translation>
    </message>
    <message>
        <source>K = {k} outcomes. Change P and Q on the Explorer: the run starts again from its first draw (Ctrl+Z brings this one back).</source>
        <translation>K = {k} 个结果。在探索器中修改 P 和 Q：运行从第一次抽样重新开始（Ctrl+Z 可恢复本次运行）。</translation>
    </message>
    <message>
        <source>Means ± 2 SE, x ~ P → {targets}</source>
        <translation>平均值 ± 2 SE，x ~ P → {targets}</translation>
    </message>
    <message>
        <source>One draw from P and one from Q (.)</source>
        <translation>从 P 和 Q 各抽样一次 (.)</translation>
    </message>
    <message>
        <source>P = 0 where Q &gt; 0 at {which}</source>
        <translation>在 {which} 处 Q &gt; 0 而 P = 0</translation>
    </message>
    <message>
        <source>Q = 0 where P &gt; 0 at {which}</source>
        <translation>在 {which} 处 P &gt; 0 而 Q = 0</translation>
    </message>
    <message>
        <source>The last draws from P: {values}</source>
        <translation>最近从 P 抽样的值：{values}</translation>
    </message>
    <message>
        <source>The last draws from Q: {ks}</source>
        <translation>最近从 Q 抽样的值：{ks}</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Where P and Q come from</source>
        <translation>P 和 Q 的来源</translation>
    </message>
    <message>
        <source>draw (0 = the latest)</source>
        <translation>抽样（0 = 最近一次）</translation>
    </message>
    <message>
        <source>draws n (log scale)</source>
        <translation>抽样次数 n（对数坐标）</translation>
    </message>
    <message>
        <source>k1 = −log r</source>
        <translation>k1 = −log r</translation>
    </message>
    <message>
        <source>k1, k2, k3 use r = p(x)/q(x) with x drawn from &lt;b&gt;Q&lt;/b&gt;, so they estimate D(Q‖P) (Schulman&apos;s convention), computed with the natural log; in bits each is divided by ln 2, so k2 is (ln r)²/(2 ln 2), not (log₂ r)²/2.</source>
        <translation>k1、k2、k3 使用 r = p(x)/q(x)，其中 x 抽样自 &lt;b&gt;Q&lt;/b&gt;，因此它们估计的是 D(Q‖P)（Schulman 的约定），用自然对数计算；以比特计时各除以 ln 2，所以 k2 是 (ln r)²/(2 ln 2)，而不是 (log₂ r)²/2。</translation>
    </message>
    <message>
        <source>k2 = (log r)²/2</source>
        <translation>k2 = (log r)²/2</translation>
    </message>
    <message>
        <source>k3 = (r − 1) − log r</source>
        <translation>k3 = (r − 1) − log r</translation>
    </message>
    <message>
        <source>log p(x)/q(x)</source>
        <translation>log p(x)/q(x)</translation>
    </message>
    <message>
        <source>no draws yet</source>
        <translation>尚无抽样</translation>
    </message>
    <message>
        <source>none defined (∞)</source>
        <translation>均无定义（∞）</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>rate</source>
        <translation>速率</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>种子</translation>
    </message>
    <message>
        <source>units</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>x ~ {source}</source>
        <translation>x ~ {source}</translation>
    </message>
    <message>
        <source>{ks} ± 2 SE, x ~ Q → D(Q‖P)</source>
        <translation>{ks} ± 2 SE，x ~ Q → D(Q‖P)</translation>
    </message>
    <message>
        <source>{mean} (± after 2 draws)</source>
        <translation>{mean}（抽样 2 次后显示 ±）</translation>
    </message>
    <message>
        <source>{p}, {q}; ○ ■ shares drawn</source>
        <translation>{p}，{q}；○ ■ 抽到的比例</translation>
    </message>
    <message>
        <source>−log p(x)</source>
        <translation>−log p(x)</translation>
    </message>
    <message>
        <source>−log q(x)</source>
        <translation>−log q(x)</translation>
    </message>
    <message>
        <source>∞: drew {which} from Q, where p = 0</source>
        <translation>∞：从 Q 抽到了 {which}，而该处 p = 0</translation>
    </message>
    <message>
        <source>∞: drew {which}, where q = 0</source>
        <translation>∞：抽到了 {which}，而该处 q = 0</translation>
    </message>
</context>
<context>
    <name>SessionTitle</name>
    <message>
        <source>Entropy Lab</source>
        <translation>Entropy Lab</translation>
    </message>
    <message>
        <source>{name}[*] — Entropy Lab</source>
        <translation>{name}[*] — Entropy Lab</translation>
    </message>
</context>
<context>
    <name>SliderColumn</name>
    <message>
        <source>{slider}: value</source>
        <translation>{slider}：值</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>(nothing)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Add the current state as a step</source>
        <translation>把当前状态添加为一步</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>提问</translation>
    </message>
    <message>
        <source>Caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Estimate it.</source>
        <translation>估计它。</translation>
    </message>
    <message>
        <source>Goal comparison</source>
        <translation>目标比较方式</translation>
    </message>
    <message>
        <source>Goal value</source>
        <translation>目标值</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>高亮</translation>
    </message>
    <message>
        <source>Is it zero, finite or infinite?</source>
        <translation>它是零、有限值还是无穷大？</translation>
    </message>
    <message>
        <source>Move the controls until the goal is reached.</source>
        <translation>移动控件，直到达到目标。</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>量</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Step title</source>
        <translation>步骤标题</translation>
    </message>
    <message>
        <source>The caption</source>
        <translation>字幕</translation>
    </message>
    <message>
        <source>The fields to move</source>
        <translation>可移动的字段</translation>
    </message>
    <message>
        <source>The goal</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>The question</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Tolerance</source>
        <translation>容差</translation>
    </message>
    <message>
        <source>What to look at, in a sentence or two</source>
        <translation>看什么，用一两句话说明</translation>
    </message>
    <message>
        <source>Which is largest?</source>
        <translation>哪个最大？</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why (shown with the answer)</source>
        <translation>原因（与答案一起显示）</translation>
    </message>
    <message>
        <source>above</source>
        <translation>高于</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>compare a third</source>
        <translation>再比较第三个</translation>
    </message>
    <message>
        <source>moving only</source>
        <translation>只移动</translation>
    </message>
    <message>
        <source>right within ±</source>
        <translation>答对范围 ±</translation>
    </message>
    <message>
        <source>until it is</source>
        <translation>直到它</translation>
    </message>
    <message>
        <source>with</source>
        <translation>与</translation>
    </message>
    <message>
        <source>{subject} {problem}.</source>
        <translation>{subject}{problem}。</translation>
    </message>
</context>
<context>
    <name>StepEditor</name>
    <message>
        <source>Add the current state as a step…</source>
        <translation>把当前状态添加为一步…</translation>
    </message>
    <message>
        <source>All changes saved.</source>
        <translation>所有更改已保存。</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Edit this lesson</source>
        <translation>编辑此课程</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Save lesson as…</source>
        <translation>课程另存为…</translation>
    </message>
    <message>
        <source>The lesson&apos;s steps</source>
        <translation>课程的步骤</translation>
    </message>
    <message>
        <source>Unsaved changes.</source>
        <translation>有未保存的更改。</translation>
    </message>
</context>
<context>
    <name>TopTokensModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>The source gave no token strings</source>
        <translation>来源没有给出词元字符串</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>token</source>
        <translation>词元</translation>
    </message>
    <message>
        <source>{other} kept</source>
        <translation>{other} 保留</translation>
    </message>
    <message>
        <source>{own} at T</source>
        <translation>{own}（温度 T）</translation>
    </message>
    <message>
        <source>{own} kept</source>
        <translation>{own} 保留</translation>
    </message>
</context>
<context>
    <name>Tour</name>
    <message>
        <source>A tour of Entropy Lab</source>
        <translation>Entropy Lab 导览</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Drag a bar to set its weight and hover for its numbers. Ctrl+1 to Ctrl+5 hide or show plots; Alt+Right shows the next ones when not all fit.</source>
        <translation>拖动柱条设置其权重，悬停查看其数值。Ctrl+1 到 Ctrl+5 隐藏或显示图；图放不下时，Alt+Right 显示后面的图。</translation>
    </message>
    <message>
        <source>Every number follows at once: both entropies, the cross-entropies, KL divergence both ways, JS and the loss. An infinite value says why.</source>
        <translation>每个数字都立即随之变化：两个熵、交叉熵、双向的 KL散度、JS 和损失。无穷大的值会说明原因。</translation>
    </message>
    <message>
        <source>F1 lists every key. This tour is in the Help menu whenever you want it again.</source>
        <translation>F1 列出所有按键。本导览随时可从“帮助”菜单再次打开。</translation>
    </message>
    <message>
        <source>F11: full screen, large type, thick bars and high contrast for the projector. Esc leaves it.</source>
        <translation>F11：全屏、大字号、粗柱条和高对比度，适合投影仪。按 Esc 离开。</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>帮助</translation>
    </message>
    <message>
        <source>Lecture mode</source>
        <translation>讲课模式</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Presets</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Set P and Q, the logits, the temperature and the true class here. Double-click any number beside a slider to type it exactly.</source>
        <translation>在这里设置 P 和 Q、logits、温度和真实类别。双击滑块旁的任意数字即可精确输入。</translation>
    </message>
    <message>
        <source>Skip tour</source>
        <translation>跳过导览</translation>
    </message>
    <message>
        <source>Step {number} of {count}</source>
        <translation>第 {number} 步，共 {count} 步</translation>
    </message>
    <message>
        <source>The controls</source>
        <translation>控件</translation>
    </message>
    <message>
        <source>The course&apos;s worked examples, on keys 1 to 9. Each explains what to look at and what to try next.</source>
        <translation>课程中的例子，对应按键 1 到 9。每个例子都会说明看什么、接下来试什么。</translation>
    </message>
    <message>
        <source>The plots</source>
        <translation>图</translation>
    </message>
    <message>
        <source>The readouts</source>
        <translation>读数</translation>
    </message>
</context>
<context>
    <name>TrainingPage</name>
    <message>
        <source>&lt;b&gt;What to look at.&lt;/b&gt; Cross-entropy&apos;s bar for each class j is (q&lt;sub&gt;j&lt;/sub&gt; − y&lt;sub&gt;j&lt;/sub&gt;)/T. With a one-hot target the true class&apos;s is (q&lt;sub&gt;y&lt;/sub&gt; − 1)/T and every other is q&lt;sub&gt;j&lt;/sub&gt;/T: it pushes the true logit up and the others down, each by its own probability; with label smoothing or a linked target, every class whose q&lt;sub&gt;j&lt;/sub&gt; is below its y&lt;sub&gt;j&lt;/sub&gt; is pushed up. Squared error&apos;s bars mix all the errors, can push a small wrong class &lt;i&gt;up&lt;/i&gt;, and carry the factor q, so a true class the model gives almost nothing barely moves.</source>
        <translation>&lt;b&gt;看什么。&lt;/b&gt;交叉熵在每个类别 j 上的柱条是 (q&lt;sub&gt;j&lt;/sub&gt; − y&lt;sub&gt;j&lt;/sub&gt;)/T。目标为 one-hot 时，真实类别的柱条是 (q&lt;sub&gt;y&lt;/sub&gt; − 1)/T，其他每根柱条是 q&lt;sub&gt;j&lt;/sub&gt;/T：它把真实类别的 logit 往上推、把其他的往下推，各按其自身的概率；有标签平滑或关联的目标时，凡是 q&lt;sub&gt;j&lt;/sub&gt; 小于 y&lt;sub&gt;j&lt;/sub&gt; 的类别都会被往上推。平方误差的柱条混合了所有误差，可能把一个概率很小的错误类别往&lt;i&gt;上&lt;/i&gt;推，并且带有因子 q，所以当模型给真实类别的概率几乎为零时，它几乎不动。</translation>
    </message>
    <message>
        <source>A new learning rate: both trainings start again from step 0 (Ctrl+Z: back to step {step}).</source>
        <translation>学习率已改：两种训练都从第 0 步重新开始（Ctrl+Z：回到第 {step} 步）。</translation>
    </message>
    <message>
        <source>An earlier scenario of the explorer&apos;s, which has changed since: Reset starts from its scenario now.</source>
        <translation>这是探索器之前的场景，探索器已经改变：“重置”会从它现在的场景重新开始。</translation>
    </message>
    <message>
        <source>Gradient descent: z ← z − lr·∂L/∂z</source>
        <translation>梯度下降：z ← z − lr·∂L/∂z</translation>
    </message>
    <message>
        <source>How the temperature enters</source>
        <translation>温度如何起作用</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Loss and true-class gradient, {loss}</source>
        <translation>损失与真实类别的梯度，{loss}</translation>
    </message>
    <message>
        <source>P (linked)</source>
        <translation>P（已关联）</translation>
    </message>
    <message>
        <source>Reset reads the explorer again.</source>
        <translation>“重置”会重新读取探索器。</translation>
    </message>
    <message>
        <source>Start: an earlier scenario of the explorer&apos;s</source>
        <translation>起点：探索器之前的场景</translation>
    </message>
    <message>
        <source>Start: the explorer&apos;s scenario</source>
        <translation>起点：探索器的场景</translation>
    </message>
    <message>
        <source>Steps taken</source>
        <translation>已走步数</translation>
    </message>
    <message>
        <source>The explorer is in family mode, which has no logits to train: switch it to one slider per outcome. Showing the last start.</source>
        <translation>探索器处于分布族模式，没有可训练的 logits：请将其切换为每个结果一个滑块。显示上一个起点。</translation>
    </message>
    <message>
        <source>The explorer&apos;s scenario cannot be trained: {problem}</source>
        <translation>无法训练探索器的场景：{problem}</translation>
    </message>
    <message>
        <source>The explorer&apos;s scenario cannot be trained: {problem} Showing the last start.</source>
        <translation>无法训练探索器的场景：{problem}显示上一个起点。</translation>
    </message>
    <message>
        <source>What to look at</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Where the training starts</source>
        <translation>训练从哪里开始</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>loss &lt;b&gt;{value}&lt;/b&gt; (no unit)</source>
        <translation>损失 &lt;b&gt;{value}&lt;/b&gt;（无单位）</translation>
    </message>
    <message>
        <source>loss &lt;b&gt;{value}&lt;/b&gt; nats</source>
        <translation>损失 &lt;b&gt;{value}&lt;/b&gt; 奈特</translation>
    </message>
    <message>
        <source>q = softmax(z/T), y = the (smoothed) target. Step {step}: each step moves z by −lr·∂L/∂z, and every gradient carries 1/T (here T = {t}, lr = {lr}).</source>
        <translation>q = softmax(z/T)，y = （平滑后的）目标。第 {step} 步：每一步把 z 移动 −lr·∂L/∂z，每个梯度都带有 1/T（此处 T = {t}，lr = {lr}）。</translation>
    </message>
    <message>
        <source>step {step}</source>
        <translation>第 {step} 步</translation>
    </message>
    <message>
        <source>the training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>z = [{logits}]&lt;br&gt;true class {label}, target {target}, T&#xa0;=&#xa0;{t}, ε&#xa0;=&#xa0;{epsilon}&lt;br&gt;&lt;i&gt;{reset}&lt;/i&gt;</source>
        <translation>z = [{logits}]&lt;br&gt;真实类别 {label}，目标 {target}，T&#xa0;=&#xa0;{t}，ε&#xa0;=&#xa0;{epsilon}&lt;br&gt;&lt;i&gt;{reset}&lt;/i&gt;</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>each model&apos;s cross-entropy</source>
        <translation>各模型的交叉熵</translation>
    </message>
    <message>
        <source>each model&apos;s q of the true class</source>
        <translation>各模型对真实类别的 q</translation>
    </message>
    <message>
        <source>gradient-descent step</source>
        <translation>梯度下降步</translation>
    </message>
    <message>
        <source>nats (log scale)</source>
        <translation>奈特（对数坐标）</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>target y</source>
        <translation>目标 y</translation>
    </message>
    <message>
        <source>{gradient} per logit ({loss})</source>
        <translation>每个 logit 的 {gradient}（{loss}）</translation>
    </message>
    <message>
        <source>{softmax} vs {target}</source>
        <translation>{softmax} 与 {target}</translation>
    </message>
    <message>
        <source>∂L/∂z (per unit of z)</source>
        <translation>∂L/∂z（每单位 z）</translation>
    </message>
</context>
<context>
    <name>TypedEntry</name>
    <message>
        <source>Double-click to type an exact value</source>
        <translation>双击以输入精确值</translation>
    </message>
    <message>
        <source>Type {value}</source>
        <translation>输入 {value}</translation>
    </message>
    <message>
        <source>not a finite number: {text}</source>
        <translation>不是有限数：{text}</translation>
    </message>
    <message>
        <source>not a number: {text}</source>
        <translation>不是数字：{text}</translation>
    </message>
    <message>
        <source>{name} must lie in [{low}, {high}]</source>
        <translation>{name} 必须在 [{low}, {high}] 之内</translation>
    </message>
</context>
<context>
    <name>Units</name>
    <message>
        <source>bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>nats</source>
        <translation>奈特</translation>
    </message>
</context>
<context>
    <name>ViewSettings</name>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Reset to the default scenario</source>
        <translation>重置为默认场景</translation>
    </message>
    <message>
        <source>Switch between bits (log base 2) and nats (natural log)</source>
        <translation>在比特（以 2 为底的对数）和奈特（自然对数）之间切换</translation>
    </message>
    <message>
        <source>Units: bits or nats</source>
        <translation>单位：比特或奈特</translation>
    </message>
    <message>
        <source>Units: {units}</source>
        <translation>单位：{units}</translation>
    </message>
</context>
<context>
    <name>argparse</name>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>有歧义的选项：%(option)s 可以匹配 %(matches)s</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>参数 %(argument_name)s：%(message)s</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>至少需要一个参数</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>至多需要一个参数</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>需要一个参数</translation>
    </message>
    <message>
        <source>ignored explicit argument %r</source>
        <translation>忽略了显式参数 %r</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>无效的 %(type)s 值：%(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>无效的选项：%(value)r（可选：%(choices)s）</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>不能与参数 %s 同时使用</translation>
    </message>
    <message>
        <source>options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>显示此帮助信息并退出</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>以下参数是必需的：%s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>无法识别的参数：%s</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>用法：</translation>
    </message>
</context>
<context>
    <name>model</name>
    <message>
        <source>Top tokens</source>
        <translation>高概率词元</translation>
    </message>
</context>
</TS>
