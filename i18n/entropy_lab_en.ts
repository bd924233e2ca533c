<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>NextTokenPage</name>
    <message numerus="yes">
        <source>%Ln cut by {other}&apos;s truncation</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln impossible for {other} (−∞ logits)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>D({model}‖{model}̃) = ∞: the truncation gives probability 0 to %Ln tokens that {model} can emit ({mass} of its probability).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>∞: {other}̃ gives probability 0 to %Ln tokens that {keeper}̃ keeps ({causes}), such as {token}</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
