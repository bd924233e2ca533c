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
        <source>{field} must be text or an object of texts per language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{field} needs an English text (en)</source>
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
    <name>LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
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
        <source>Next</source>
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
</context>
</TS>
