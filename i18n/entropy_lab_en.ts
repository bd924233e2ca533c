<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>BinaryPage</name>
    <message numerus="yes">
        <source>%n steps per frame</source>
        <translation>
            <numerusform>%n step per frame</numerusform>
            <numerusform>%n steps per frame</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CodesPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from P</source>
        <translation>
            <numerusform>&lt;b&gt;{n}&lt;/b&gt; draw from P</numerusform>
            <numerusform>&lt;b&gt;{n}&lt;/b&gt; draws from P</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>NextTokenPage</name>
    <message numerus="yes">
        <source>D({keeper}̃‖{other}̃) = ∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps ({causes}), such as {token}</source>
        <translation>
            <numerusform>D({keeper}̃‖{other}̃) = ∞: {other}̃ gives probability 0 to {count} token that {keeper}̃ keeps ({causes}), such as {token}</numerusform>
            <numerusform>D({keeper}̃‖{other}̃) = ∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps ({causes}), such as {token}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to {count} tokens that {model} can emit ({mass} of its probability).</source>
        <translation>
            <numerusform>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to {count} token that {model} can emit ({mass} of its probability).</numerusform>
            <numerusform>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to {count} tokens that {model} can emit ({mass} of its probability).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} cut by {other}&apos;s truncation</source>
        <translation>
            <numerusform>{count} cut by {other}&apos;s truncation</numerusform>
            <numerusform>{count} cut by {other}&apos;s truncation</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} impossible for {other} (−∞ logits)</source>
        <translation>
            <numerusform>{count} impossible for {other} (−∞ logits)</numerusform>
            <numerusform>{count} impossible for {other} (−∞ logits)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps, such as {token}</source>
        <translation>
            <numerusform>∞: {other}̃ gives probability 0 to {count} token that {keeper}̃ keeps, such as {token}</numerusform>
            <numerusform>∞: {other}̃ gives probability 0 to {count} tokens that {keeper}̃ keeps, such as {token}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SamplingPage</name>
    <message numerus="yes">
        <source>&lt;b&gt;{n}&lt;/b&gt; draws from each of P and Q</source>
        <translation>
            <numerusform>&lt;b&gt;{n}&lt;/b&gt; draw from each of P and Q</numerusform>
            <numerusform>&lt;b&gt;{n}&lt;/b&gt; draws from each of P and Q</numerusform>
        </translation>
    </message>
</context>
</TS>
