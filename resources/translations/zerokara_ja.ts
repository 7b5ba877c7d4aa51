<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>Activation</name>
    <message>
      <source>step</source>
      <extracomment>Layers with more neurons than this are drawn collapsed.</extracomment>
      <translation>ステップ関数</translation>
    </message>
    <message>
      <source>sigmoid</source>
      <translation>シグモイド関数</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <source>identity</source>
      <translation>恒等関数</translation>
    </message>
    <message>
      <source>softmax</source>
      <translation>ソフトマックス関数</translation>
    </message>
  </context>
  <context>
    <name>BatchPage</name>
    <message>
      <source>Rows:</source>
      <translation>行数:</translation>
    </message>
    <message>
      <source>Inputs X (one sample per row)</source>
      <translation>入力 X (1 行に 1 サンプル)</translation>
    </message>
    <message>
      <source>Outputs Y = forward(X)</source>
      <translation>出力 Y = forward(X)</translation>
    </message>
  </context>
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
    <name>LayerPage</name>
    <message>
      <source>W%1: %2 × %3 (rows: inputs, columns: neurons)</source>
      <translation>W%1: %2 × %3 (行: 入力、列: ニューロン)</translation>
    </message>
    <message>
      <source>b%1: %2 values</source>
      <translation>b%1: %2 個の値</translation>
    </message>
    <message>
      <source>Activation of layer %1:</source>
      <translation>第 %1 層の活性化関数:</translation>
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
    <name>NetworkDocument</name>
    <message>
      <source>Set W%1[%2, %3]</source>
      <extracomment>Inputs shown in the batch table when a network is loaded (2 inputs: the four corners).</extracomment>
      <translation>W%1[%2, %3] を設定</translation>
    </message>
    <message>
      <source>Set b%1[%2]</source>
      <translation>b%1[%2] を設定</translation>
    </message>
    <message>
      <source>The input needs %1 values.</source>
      <translation>入力には %1 個の値が必要です。</translation>
    </message>
    <message>
      <source>This network is too large to show.</source>
      <translation>このネットワークは大きすぎて表示できません。</translation>
    </message>
    <message>
      <source>Load network</source>
      <translation>ネットワークを読み込む</translation>
    </message>
    <message>
      <source>This layer cannot grow any more.</source>
      <translation>この層にはこれ以上ニューロンを追加できません。</translation>
    </message>
    <message>
      <source>Add neuron</source>
      <translation>ニューロンを追加</translation>
    </message>
    <message>
      <source>A layer needs at least one neuron.</source>
      <translation>各層には少なくとも 1 個のニューロンが必要です。</translation>
    </message>
    <message>
      <source>Remove neuron</source>
      <translation>ニューロンを削除</translation>
    </message>
    <message>
      <source>Remove neurons</source>
      <translation>ニューロンを削除</translation>
    </message>
    <message>
      <source>The network cannot have more layers.</source>
      <translation>これ以上層を増やせません。</translation>
    </message>
    <message>
      <source>Add layer</source>
      <translation>層を追加</translation>
    </message>
    <message>
      <source>Only hidden layers can be removed.</source>
      <translation>削除できるのは中間層だけです。</translation>
    </message>
    <message>
      <source>Joining the weights around this layer would give values beyond ±1e6.</source>
      <translation>この層の前後の重みをまとめると ±1e6 を超える値になります。</translation>
    </message>
    <message>
      <source>Remove layer</source>
      <translation>層を削除</translation>
    </message>
    <message>
      <source>Set activation</source>
      <translation>活性化関数を設定</translation>
    </message>
  </context>
  <context>
    <name>NetworkTab</name>
    <message>
      <source>Network</source>
      <translation>ネットワーク</translation>
    </message>
    <message>
      <source>Presets</source>
      <translation>プリセット</translation>
    </message>
    <message>
      <source>Load a network from the book or the study notes</source>
      <translation>本書や学習ノートのネットワークを読み込みます</translation>
    </message>
    <message>
      <source>Book §3.4.3: 3-layer network (x = [1.0, 0.5])</source>
      <translation>本書 3.4.3 節: 3 層ニューラルネットワーク (x = [1.0, 0.5])</translation>
    </message>
    <message>
      <source>Study notes: 2-3-2-2 network (x = [1.0, 2.0])</source>
      <translation>学習ノート: 2-3-2-2 ネットワーク (x = [1.0, 2.0])</translation>
    </message>
    <message>
      <source>XOR perceptron: NAND and OR, then AND (§2.5)</source>
      <translation>XOR パーセプトロン: NAND と OR、続いて AND (2.5 節)</translation>
    </message>
    <message>
      <source>Load weights…</source>
      <translation>重みを読み込む…</translation>
    </message>
    <message>
      <source>Open W1, b1, W2, b2, … from an .npz file or the book's sample_weight.pkl</source>
      <translation>.npz ファイルや本書の sample_weight.pkl から W1, b1, W2, b2, … を開きます</translation>
    </message>
    <message>
      <source>Add layer</source>
      <translation>層を追加</translation>
    </message>
    <message>
      <source>Insert a hidden layer after the selected layer (Ctrl+Shift+L)</source>
      <translation>選択した層の後ろに中間層を挿入します (Ctrl+Shift+L)</translation>
    </message>
    <message>
      <source>Remove layer</source>
      <translation>層を削除</translation>
    </message>
    <message>
      <source>Remove the selected hidden layer</source>
      <translation>選択した中間層を削除します</translation>
    </message>
    <message>
      <source>Add neuron</source>
      <translation>ニューロンを追加</translation>
    </message>
    <message>
      <source>Add a neuron to the selected layer (Ctrl+Shift+N)</source>
      <translation>選択した層にニューロンを追加します (Ctrl+Shift+N)</translation>
    </message>
    <message>
      <source>Remove neuron</source>
      <translation>ニューロンを削除</translation>
    </message>
    <message>
      <source>Remove the selected neurons (Delete)</source>
      <translation>選択したニューロンを削除します (Delete)</translation>
    </message>
    <message>
      <source>Undo</source>
      <translation>元に戻す</translation>
    </message>
    <message>
      <source>Redo</source>
      <translation>やり直す</translation>
    </message>
    <message>
      <source>Undo the last edit (Ctrl+Z)</source>
      <translation>直前の編集を元に戻します (Ctrl+Z)</translation>
    </message>
    <message>
      <source>Redo (Ctrl+Shift+Z)</source>
      <translation>やり直します (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>Bias nodes</source>
      <translation>バイアスのノード</translation>
    </message>
    <message>
      <source>Draw each layer's bias as a node of constant 1</source>
      <translation>各層のバイアスを定数 1 のノードとして描きます</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>全体表示</translation>
    </message>
    <message>
      <source>Fit the network into the canvas (Ctrl+0)</source>
      <translation>ネットワーク全体をキャンバスに収めます (Ctrl+0)</translation>
    </message>
    <message>
      <source>Click an edge to edit its weight, + to add a neuron or a layer; select neurons and press Delete to remove them; right-click for more.</source>
      <translation>辺をクリックすると重みを編集できます。+ でニューロンや層を追加、ニューロンを選んで Delete で削除、右クリックでその他の操作。</translation>
    </message>
    <message>
      <source>Input x (edit a cell; the forward pass follows):</source>
      <translation>入力 x (セルを編集すると順伝播が追従します):</translation>
    </message>
    <message>
      <source>Random input</source>
      <translation>ランダムな入力</translation>
    </message>
    <message>
      <source>Zeros</source>
      <translation>ゼロ</translation>
    </message>
    <message>
      <source>Forward pass</source>
      <translation>順伝播</translation>
    </message>
    <message>
      <source>Batch</source>
      <translation>バッチ</translation>
    </message>
    <message>
      <source>Random init</source>
      <translation>ランダム初期化</translation>
    </message>
    <message>
      <source>Weights and biases (edit a cell; the canvas follows)</source>
      <translation>重みとバイアス (セルを編集するとキャンバスが追従します)</translation>
    </message>
    <message>
      <source>Show network</source>
      <translation>ネットワークを表示</translation>
    </message>
    <message>
      <source>Load preset</source>
      <translation>プリセットを読み込む</translation>
    </message>
    <message>
      <source>Load weights</source>
      <translation>重みを読み込む</translation>
    </message>
    <message>
      <source>Could not load %1: %2</source>
      <translation>%1 を読み込めませんでした: %2</translation>
    </message>
    <message>
      <source>Random initialisation</source>
      <translation>ランダム初期化</translation>
    </message>
    <message>
      <source>The 3-layer network of book §3.4.3: sigmoid hidden layers, identity output.</source>
      <translation>本書 3.4.3 節の 3 層ネットワーク: 中間層はシグモイド関数、出力層は恒等関数。</translation>
    </message>
    <message>
      <source>The study notes' 2-3-2-2 network, computed as §3.4.3 does (the notes' listing adds b1 twice and skips the activations).</source>
      <translation>学習ノートの 2-3-2-2 ネットワークを 3.4.3 節のとおりに計算します (ノートのコードは b1 を 2 回足し、活性化関数を通していません)。</translation>
    </message>
    <message>
      <source>XOR as a two-layer perceptron (§2.5.2): hidden NAND and OR, output AND, step activations. See the Batch page for the truth table.</source>
      <translation>2 層パーセプトロンによる XOR (2.5.2 節): 中間層が NAND と OR、出力層が AND、活性化関数はステップ関数。真理値表は「バッチ」ページで確認できます。</translation>
    </message>
    <message>
      <source>Weights loaded from %1.</source>
      <translation>%1 から読み込んだ重み。</translation>
    </message>
    <message>
      <source>Random weights (%1).</source>
      <translation>ランダムな重み (%1)。</translation>
    </message>
    <message>
      <source>(edited)</source>
      <translation>(編集済み)</translation>
    </message>
    <message>
      <source>Network %1 · %2</source>
      <translation>ネットワーク %1 · %2</translation>
    </message>
    <message>
      <source>(largest: y%1)</source>
      <translation>(最大: y%1)</translation>
    </message>
    <message>
      <source>The output is not finite: some weights or inputs are too large.</source>
      <translation>出力が有限の値になりません。重みか入力が大きすぎます。</translation>
    </message>
    <message>
      <source>Select the neurons to remove first.</source>
      <translation>先に削除するニューロンを選択してください。</translation>
    </message>
    <message>
      <source>Edit %1…</source>
      <translation>%1 を編集…</translation>
    </message>
    <message>
      <source>Add neuron to this layer</source>
      <translation>この層にニューロンを追加</translation>
    </message>
    <message>
      <source>Insert layer after this one</source>
      <translation>この層の後ろに層を挿入</translation>
    </message>
    <message>
      <source>Remove this layer</source>
      <translation>この層を削除</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>活性化関数</translation>
    </message>
    <message>
      <source>Weights (*.npz *.pkl *.pickle);;All files (*)</source>
      <translation>重み (*.npz *.pkl *.pickle);;すべてのファイル (*)</translation>
    </message>
  </context>
  <context>
    <name>RandomInitPage</name>
    <message>
      <source>Layer sizes:</source>
      <extracomment>sizes, hidden activation, output activation, method, std, seed</extracomment>
      <translation>各層のニューロン数:</translation>
    </message>
    <message>
      <source>Hidden activation:</source>
      <translation>中間層の活性化関数:</translation>
    </message>
    <message>
      <source>Output activation:</source>
      <translation>出力層の活性化関数:</translation>
    </message>
    <message>
      <source>Initialisation:</source>
      <translation>初期化:</translation>
    </message>
    <message>
      <source>Std (for std):</source>
      <translation>標準偏差 (std の場合):</translation>
    </message>
    <message>
      <source>Seed:</source>
      <translation>シード:</translation>
    </message>
    <message>
      <source>Neurons per layer, input first, e.g. 784, 50, 100, 10</source>
      <translation>入力層から順に各層のニューロン数。例: 784, 50, 100, 10</translation>
    </message>
    <message>
      <source>std: N(0, std²) (book §4.5)</source>
      <translation>std: N(0, std²) (本書 4.5 節)</translation>
    </message>
    <message>
      <source>Xavier: std 1/√n (§6.2.2, sigmoid, tanh)</source>
      <translation>Xavier: 標準偏差 1/√n (6.2.2 節、シグモイド・tanh 向け)</translation>
    </message>
    <message>
      <source>He: std √(2/n) (§6.2.3, ReLU)</source>
      <translation>He: 標準偏差 √(2/n) (6.2.3 節、ReLU 向け)</translation>
    </message>
    <message>
      <source>Initialise</source>
      <translation>初期化する</translation>
    </message>
    <message>
      <source>Layer sizes: enter 2 to %1 whole numbers from 1 to %2, e.g. 784, 50, 100, 10.</source>
      <translation>各層のニューロン数: 1 から %2 までの整数を 2〜%1 個入力してください。例: 784, 50, 100, 10</translation>
    </message>
  </context>
  <context>
    <name>TopologyView</name>
    <message>
      <source>%1 = %2 (click to edit)</source>
      <translation>%1 = %2 (クリックで編集)</translation>
    </message>
    <message>
      <source>%1 more</source>
      <translation>ほか %1 個</translation>
    </message>
    <message>
      <source>Add a neuron to this layer</source>
      <translation>この層にニューロンを追加します</translation>
    </message>
    <message>
      <source>Bias node: a constant 1 whose weights are b%1</source>
      <translation>バイアスのノード: 定数 1 で、その重みが b%1 です</translation>
    </message>
    <message>
      <source>Insert a layer here</source>
      <translation>ここに層を挿入します</translation>
    </message>
    <message>
      <source>Inside a neuron: its output z (y at the output); below: its weighted sum a.</source>
      <translation>ニューロンの中: 出力 z (出力層では y)。下: 重み付き和 a。</translation>
    </message>
    <message>
      <source>Input layer</source>
      <translation>入力層</translation>
    </message>
    <message>
      <source>Output layer</source>
      <translation>出力層</translation>
    </message>
    <message>
      <source>Layer %1</source>
      <translation>第 %1 層</translation>
    </message>
    <message>
      <source>1 neuron</source>
      <translation>ニューロン 1 個</translation>
    </message>
    <message>
      <source>%1 neurons</source>
      <translation>ニューロン %1 個</translation>
    </message>
    <message>
      <source>Right-click for the layer's activation and more</source>
      <translation>右クリックで活性化関数の選択などができます</translation>
    </message>
    <message>
      <source>W%1: %2 × %3 = %4 weights, %5 of them not drawn. Click to edit them in the W%1 table.</source>
      <translation>W%1: %2 × %3 = %4 個の重み (うち %5 個は描画していません)。クリックすると W%1 の表で編集できます。</translation>
    </message>
    <message>
      <source>%1: type a number, Enter to apply, Esc to cancel</source>
      <translation>%1: 数値を入力し、Enter で確定、Esc で取り消し</translation>
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
