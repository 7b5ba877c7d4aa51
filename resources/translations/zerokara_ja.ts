<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>DescentTab</name>
    <message>
      <source>Descent</source>
      <translation>勾配降下</translation>
    </message>
    <message>
      <source>Gradient descent (book ch. 4.3-4.4, 6.1): live trajectories on 2-D functions, numerical gradients, learning rates and the book's optimizers racing each other. Coming in the next release.</source>
      <translation>勾配法(本書 4.3〜4.4 節、6.1 節): 2 変数関数上の勾配降下の軌跡、数値微分による勾配、学習率、そして本書のオプティマイザの競走。次のリリースで登場します。</translation>
    </message>
  </context>
  <context>
    <name>GatesTab</name>
    <message>
      <source>Gates</source>
      <translation>ゲート</translation>
    </message>
    <message>
      <source>Perceptron gates (book ch. 2): a truth-table editor for AND, OR, NAND, XOR and more, with weights, bias, the decision line, learning, and why XOR needs two layers. Coming in the next release.</source>
      <translation>パーセプトロンの論理回路(本書 2 章): AND・OR・NAND・XOR などの真理値表エディタ。重み、バイアス、決定境界、学習、そして XOR に 2 層が必要な理由。次のリリースで登場します。</translation>
    </message>
  </context>
  <context>
    <name>Input</name>
    <message>
      <source>Enter a number.</source>
      <extracomment>Numbers larger than this in magnitude are refused as absurd in any field.</extracomment>
      <translation>数値を入力してください。</translation>
    </message>
    <message>
      <source>That is too long to be a number.</source>
      <translation>数値としては長すぎます。</translation>
    </message>
    <message>
      <source>“%1” is not a number.</source>
      <translation>「%1」は数値ではありません。</translation>
    </message>
    <message>
      <source>The number must be finite (not NaN or infinity).</source>
      <translation>有限の数値を入力してください(NaN や無限大は使えません)。</translation>
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation>整数を入力してください。</translation>
    </message>
    <message>
      <source>Enter a number from %1 to %2.</source>
      <translation>%1 から %2 までの数値を入力してください。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;File</source>
      <extracomment>The tabs in order, by the key used in code, settings and screenshots.</extracomment>
      <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>表示(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>言語(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>終了(&amp;Q)</translation>
    </message>
    <message>
      <source>Show &amp;lesson panels</source>
      <translation>レッスンパネルを表示(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;About Zerokara Lab</source>
      <translation>Zerokara Lab について(&amp;A)</translation>
    </message>
    <message>
      <source>About &amp;Qt</source>
      <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
      <source>Go to %1</source>
      <translation>%1 へ移動</translation>
    </message>
    <message>
      <source>About Zerokara Lab</source>
      <translation>Zerokara Lab について</translation>
    </message>
    <message>
      <source>&lt;h3&gt;Zerokara Lab %1&lt;/h3&gt;&lt;p&gt;Learn neural networks hands-on, chapter by chapter, the way 「ゼロから作るDeep Learning」 (Deep Learning from Scratch) teaches them.&lt;/p&gt;&lt;p&gt;Engine: pure NumPy. Interface: PySide6 and pyqtgraph.&lt;/p&gt;</source>
      <translation>&lt;h3&gt;Zerokara Lab %1&lt;/h3&gt;&lt;p&gt;「ゼロから作るDeep Learning」の章に沿って、ニューラルネットワークを手を動かしながら学ぶためのアプリです。&lt;/p&gt;&lt;p&gt;エンジン: 純粋な NumPy。画面: PySide6 と pyqtgraph。&lt;/p&gt;</translation>
    </message>
  </context>
  <context>
    <name>NetworkTab</name>
    <message>
      <source>Network</source>
      <translation>ネットワーク</translation>
    </message>
    <message>
      <source>A network you draw (book ch. 3): layers and neurons on a canvas, editable weight matrices kept in sync, and the forward pass shown live at every neuron. Coming in the next release.</source>
      <translation>自分で描くネットワーク(本書 3 章): キャンバス上の層とニューロン、同期する重み行列の編集、各ニューロンでの順伝播の表示。次のリリースで登場します。</translation>
    </message>
  </context>
  <context>
    <name>TrainingTab</name>
    <message>
      <source>Training</source>
      <translation>学習</translation>
    </message>
    <message>
      <source>Mini-batch training (book ch. 4.5, 5, 6): a small network learning in a worker thread with live loss and accuracy, on bundled or your own data. Coming in the next release.</source>
      <translation>ミニバッチ学習(本書 4.5 節、5 章、6 章): 小さなネットワークをワーカースレッドで学習させ、損失と認識精度をリアルタイムに表示。同梱データでも自分のデータでも。次のリリースで登場します。</translation>
    </message>
  </context>
</TS>
