<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
  <context>
    <name>AccuracyPanel</name>
    <message>
      <source>MNIST, bundled test part (1,000)</source>
      <extracomment>pass the tab's (``LabTab.make_controller``) so closing the window stops the run the declared settings (``accuracy_batch``), fields made by the binder</extracomment>
      <translation>MNIST 同梱のテスト部分 (1,000 枚)</translation>
    </message>
    <message>
      <source>MNIST test set (10,000, downloaded)</source>
      <translation>MNIST テストデータ (10,000 枚、ダウンロード済み)</translation>
    </message>
    <message>
      <source>Fashion-MNIST test set (10,000)</source>
      <translation>Fashion-MNIST テストデータ (10,000 枚)</translation>
    </message>
    <message>
      <source>8×8 digits, bundled test part</source>
      <translation>8×8 手書き数字 同梱のテスト部分</translation>
    </message>
    <message>
      <source>Test set</source>
      <translation>テストデータ</translation>
    </message>
    <message>
      <source>true class</source>
      <translation>正解のクラス</translation>
    </message>
    <message>
      <source>network's answer</source>
      <translation>ネットワークの答え</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Accuracy over the test set</source>
      <translation>認識精度を求める</translation>
    </message>
    <message>
      <source>Run the network on every test image in batches and count the right answers</source>
      <translation>すべてのテスト画像をバッチ単位でネットワークに通し、正解の数を数えます</translation>
    </message>
    <message>
      <source>No test set with %1 pixels.</source>
      <translation>%1 ピクセルのテストデータがありません。</translation>
    </message>
    <message>
      <source>This image set cannot be read: %1</source>
      <translation>この画像データは読み込めません: %1</translation>
    </message>
    <message>
      <source>The network takes %1 inputs; these images have %2 pixels.</source>
      <translation>ネットワークの入力は %1 個ですが、この画像は %2 ピクセルです。</translation>
    </message>
    <message>
      <source>Running…</source>
      <translation>実行中…</translation>
    </message>
    <message>
      <source>Stopped.</source>
      <translation>停止しました。</translation>
    </message>
    <message>
      <source>The run failed: %1</source>
      <translation>実行に失敗しました: %1</translation>
    </message>
    <message>
      <source>§3.6.3: the whole test set, batch by batch. The book's sample_weight.pkl scores 0.9352 on MNIST's 10,000 test images.</source>
      <translation>3.6.3 節: テストデータ全体をバッチごとに処理します。本書の sample_weight.pkl は MNIST の 10,000 枚のテスト画像で 0.9352 になります。</translation>
    </message>
    <message>
      <source>Accuracy: %1 (%2 of %3 right) · %4 batches of %5 · %6 ms</source>
      <translation>認識精度: %1 (%3 枚中 %2 枚正解) · %5 枚のバッチ %4 個 · %6 ms</translation>
    </message>
    <message>
      <source>Misclassified: %1 images (click one to make it the input)</source>
      <translation>誤認識: %1 枚 (クリックするとその画像が入力になります)</translation>
    </message>
    <message>
      <source>True %1, answered %2: %3 images (click one to make it the input)</source>
      <translation>正解 %1、答え %2: %3 枚 (クリックするとその画像が入力になります)</translation>
    </message>
    <message>
      <source>Batch size</source>
      <extracomment>§3.6.3's ``batch_size``: images per call of ``predict`` when measuring accuracy.</extracomment>
      <translation>バッチサイズ</translation>
    </message>
    <message>
      <source>Images per call of predict (§3.6.3); the accuracy does not depend on it.</source>
      <translation>predict 1 回あたりの画像数 (3.6.3 節)。認識精度はこれによらず同じです。</translation>
    </message>
  </context>
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
    <name>BackpropTab</name>
    <message>
      <source>Buying apples (Fig. 5-16)</source>
      <extracomment>The name under which the seed ∂L/∂(output) of a graph is edited (Affine's dY).</extracomment>
      <translation>りんごの買い物(図 5-16)</translation>
    </message>
    <message>
      <source>Apples and oranges (Fig. 5-17)</source>
      <translation>りんごとみかん(図 5-17)</translation>
    </message>
    <message>
      <source>Sigmoid, node by node (Fig. 5-19)</source>
      <translation>シグモイド(ノードに展開、図 5-19)</translation>
    </message>
    <message>
      <source>Sigmoid as one node (Fig. 5-20)</source>
      <translation>シグモイド(1 ノード、図 5-20)</translation>
    </message>
    <message>
      <source>ReLU (§5.5.1)</source>
      <translation>ReLU(5.5.1 節)</translation>
    </message>
    <message>
      <source>Affine with matrices (Fig. 5-25, 5-27)</source>
      <translation>行列の Affine(図 5-25、5-27)</translation>
    </message>
    <message>
      <source>Softmax-with-Loss (Fig. 5-29)</source>
      <translation>Softmax-with-Loss(図 5-29)</translation>
    </message>
    <message>
      <source>Your own expression f(x, y, …)</source>
      <translation>自分の式 f(x, y, …)</translation>
    </message>
    <message>
      <source>Graph</source>
      <translation>グラフ</translation>
    </message>
    <message>
      <source>One of the book's graphs, or your own</source>
      <translation>本書の計算グラフ、または自分の式</translation>
    </message>
    <message>
      <source>f =</source>
      <translation>f =</translation>
    </message>
    <message>
      <source>An expression in any variables: + − * / **, exp, log, sin, cos, tan, sqrt, abs, tanh, sigmoid, relu (then choose “Your own expression”)</source>
      <translation>任意の変数の式: + − * / **、exp、log、sin、cos、tan、sqrt、abs、tanh、sigmoid、relu(入力すると「自分の式」に切り替わります)</translation>
    </message>
    <message>
      <source>Backprop</source>
      <translation>誤差逆伝播</translation>
    </message>
    <message>
      <source>Step forward ▶</source>
      <translation>1 ステップ順伝播 ▶</translation>
    </message>
    <message>
      <source>Compute the next node's value (Alt+Right)</source>
      <translation>次のノードの値を計算します(Alt+→)</translation>
    </message>
    <message>
      <source>◀ Step backward</source>
      <translation>◀ 1 ステップ逆伝播</translation>
    </message>
    <message>
      <source>Send the derivatives back through the next node (Alt+Left)</source>
      <translation>次のノードを通して微分を逆向きに伝えます(Alt+←)</translation>
    </message>
    <message>
      <source>Run all</source>
      <translation>すべて実行</translation>
    </message>
    <message>
      <source>Show every value and every derivative</source>
      <translation>すべての値と微分を表示します</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>リセット</translation>
    </message>
    <message>
      <source>Hide the values and derivatives again</source>
      <translation>値と微分を再び隠します</translation>
    </message>
    <message>
      <source>Inputs (edit one: the whole graph follows)</source>
      <translation>入力(編集するとグラフ全体が追従します)</translation>
    </message>
    <message>
      <source>Backprop against numerical derivatives</source>
      <translation>誤差逆伝播法と数値微分の比較</translation>
    </message>
    <message>
      <source>input</source>
      <translation>入力</translation>
    </message>
    <message>
      <source>backprop</source>
      <translation>誤差逆伝播法</translation>
    </message>
    <message>
      <source>numerical</source>
      <translation>数値微分</translation>
    </message>
    <message>
      <source>agrees</source>
      <translation>一致</translation>
    </message>
    <message>
      <source>Numerical: the central difference (f(x + h) − f(x − h)) / 2h with h = 1e-5 (§4.3), of the output times dout.</source>
      <translation>数値微分: 出力と dout の積の中心差分 (f(x + h) − f(x − h)) / 2h、h = 1e-5(4.3 節)。</translation>
    </message>
    <message>
      <source>Above each edge its value, below it (red) the derivative flowing back. Click a node for its rule; hover an edge for all digits.</source>
      <translation>エッジの上にその値、下(赤)に逆向きに流れる微分。ノードをクリックすると規則を、エッジにマウスを重ねると全桁を表示します。</translation>
    </message>
    <message>
      <source>Computational graph</source>
      <translation>計算グラフ</translation>
    </message>
    <message>
      <source>Forward: %1 of %2 nodes</source>
      <translation>順伝播: %2 ノード中 %1</translation>
    </message>
    <message>
      <source>Backward: %1 of %2 nodes</source>
      <translation>逆伝播: %2 ノード中 %1</translation>
    </message>
    <message>
      <source>Every value and derivative is shown.</source>
      <translation>すべての値と微分を表示しています。</translation>
    </message>
    <message>
      <source>Press Step forward to compute the first node, or click a node.</source>
      <translation>「1 ステップ順伝播」で最初のノードを計算するか、ノードをクリックしてください。</translation>
    </message>
    <message>
      <source>f: %1</source>
      <translation>f: %1</translation>
    </message>
    <message>
      <source>× node: each input gets dout times the other input</source>
      <translation>乗算ノード(×): 各入力に、dout ともう一方の入力の積を送る</translation>
    </message>
    <message>
      <source>+ node: dout passes on unchanged to every input</source>
      <translation>加算ノード(+): dout をそのまま各入力へ流す</translation>
    </message>
    <message>
      <source>− node (a − b): a gets dout, b gets −dout</source>
      <translation>減算ノード(a − b): a に dout、b に −dout を送る</translation>
    </message>
    <message>
      <source>÷ node (a / b): a gets dout / b, b gets −dout · a / b²</source>
      <translation>除算ノード(a / b): a に dout / b、b に −dout · a / b² を送る</translation>
    </message>
    <message>
      <source>** node (aᵇ): a gets dout · b · aᵇ⁻¹, b gets dout · aᵇ · log a</source>
      <translation>累乗ノード(aᵇ): a に dout · b · aᵇ⁻¹、b に dout · aᵇ · log a を送る</translation>
    </message>
    <message>
      <source>−x node: the input gets −dout</source>
      <translation>符号反転ノード(−x): 入力に −dout を送る</translation>
    </message>
    <message>
      <source>1/x node (y = 1/x): the input gets −dout · y²</source>
      <translation>逆数ノード(y = 1/x): 入力に −dout · y² を送る</translation>
    </message>
    <message>
      <source>exp node (y = exp x): the input gets dout · y</source>
      <translation>exp ノード(y = exp x): 入力に dout · y を送る</translation>
    </message>
    <message>
      <source>log node (y = log x): the input gets dout / x</source>
      <translation>log ノード(y = log x): 入力に dout / x を送る</translation>
    </message>
    <message>
      <source>sin node: the input gets dout · cos x</source>
      <translation>sin ノード: 入力に dout · cos x を送る</translation>
    </message>
    <message>
      <source>cos node: the input gets −dout · sin x</source>
      <translation>cos ノード: 入力に −dout · sin x を送る</translation>
    </message>
    <message>
      <source>tan node (y = tan x): the input gets dout · (1 + y²)</source>
      <translation>tan ノード(y = tan x): 入力に dout · (1 + y²) を送る</translation>
    </message>
    <message>
      <source>√ node (y = √x): the input gets dout / (2y)</source>
      <translation>√ ノード(y = √x): 入力に dout / (2y) を送る</translation>
    </message>
    <message>
      <source>|x| node: the input gets dout · sign(x)</source>
      <translation>|x| ノード: 入力に dout · sign(x) を送る</translation>
    </message>
    <message>
      <source>tanh node (y = tanh x): the input gets dout · (1 − y²)</source>
      <translation>tanh ノード(y = tanh x): 入力に dout · (1 − y²) を送る</translation>
    </message>
    <message>
      <source>sigmoid node: the input gets dout · y(1 − y), from the output y alone</source>
      <translation>sigmoid ノード: 入力に dout · y(1 − y) を送る(出力 y だけから計算できる)</translation>
    </message>
    <message>
      <source>ReLU node: dout passes where x &gt; 0 and stops (0) where x ≤ 0</source>
      <translation>ReLU ノード: x &gt; 0 の場所では dout をそのまま流し、x ≤ 0 では止める(0)</translation>
    </message>
    <message>
      <source>dot node (X·W): X gets dout·Wᵀ, W gets Xᵀ·dout</source>
      <translation>dot ノード(X·W): X に dout·Wᵀ、W に Xᵀ·dout を送る</translation>
    </message>
    <message>
      <source>Affine node (X·W + B): X gets dout·Wᵀ, W gets Xᵀ·dout, B gets dout summed over the batch</source>
      <translation>Affine ノード(X·W + B): X に dout·Wᵀ、W に Xᵀ·dout、B にバッチ方向に合計した dout を送る</translation>
    </message>
    <message>
      <source>Softmax node: the input gets y ⊙ (dout − Σ dout·y)</source>
      <translation>Softmax ノード: 入力に y ⊙ (dout − Σ dout·y) を送る</translation>
    </message>
    <message>
      <source>Cross Entropy Error node (L = −Σ t log y): y gets −dout · t / y; the label t gets nothing</source>
      <translation>Cross Entropy Error ノード(L = −Σ t log y): y に −dout · t / y を送る。教師ラベル t には何も送らない</translation>
    </message>
    <message>
      <source>Softmax-with-Loss node: the input gets dout · (y − t)</source>
      <translation>Softmax-with-Loss ノード: 入力に dout · (y − t) を送る</translation>
    </message>
    <message>
      <source>apple</source>
      <translation>りんご</translation>
    </message>
    <message>
      <source>apple count</source>
      <translation>りんごの個数</translation>
    </message>
    <message>
      <source>orange</source>
      <translation>みかん</translation>
    </message>
    <message>
      <source>orange count</source>
      <translation>みかんの個数</translation>
    </message>
    <message>
      <source>tax</source>
      <translation>消費税</translation>
    </message>
    <message>
      <source>∂L/∂Y (dout)</source>
      <translation>∂L/∂Y(dout)</translation>
    </message>
    <message>
      <source>price</source>
      <translation>支払金額</translation>
    </message>
    <message>
      <source>forward: %1(%2) = %3</source>
      <translation>順伝播: %1(%2) = %3</translation>
    </message>
    <message>
      <source>%1 gets %2 × %3 = %4</source>
      <translation>%1 へ %2 × %3 = %4</translation>
    </message>
    <message>
      <source>%1 gets %2</source>
      <translation>%1 へ %2</translation>
    </message>
    <message>
      <source>backward: %1</source>
      <translation>逆伝播: %1</translation>
    </message>
    <message>
      <source>%1: the value must be finite (not NaN or infinity).</source>
      <translation>%1: 有限の値を入力してください(NaN や無限大は不可)。</translation>
    </message>
    <message>
      <source>%1: enter a value of shape %2, e.g. [[1, 2], [3, 4]].</source>
      <translation>%1: 形状 %2 の値を入力してください(例 [[1, 2], [3, 4]])。</translation>
    </message>
    <message>
      <source>%1: “%2” is not a number or a list of numbers like [[1, 2], [3, 4]].</source>
      <translation>%1: 「%2」は数値でも、[[1, 2], [3, 4]] のような数値のリストでもありません。</translation>
    </message>
    <message>
      <source>“%1” is not a variable: use one letter, optionally with digits (x, y, z, x1).</source>
      <translation>「%1」は変数にできません。1 文字(数字を付けてもよい)にしてください(x、y、z、x1)。</translation>
    </message>
    <message>
      <source>At most %1 variables.</source>
      <translation>変数は %1 個までです。</translation>
    </message>
    <message>
      <source>Type an expression, e.g. x*y + exp(-x).</source>
      <translation>式を入力してください(例 x*y + exp(-x))。</translation>
    </message>
    <message>
      <source>The expression is too long.</source>
      <translation>式が長すぎます。</translation>
    </message>
    <message>
      <source>Syntax error at column %1: check the brackets and operators.</source>
      <translation>%1 文字目で構文エラー: かっこと演算子を確認してください。</translation>
    </message>
    <message>
      <source>“%1” cannot be used here: the functions are exp, log, sin, cos, tan, sqrt, abs, tanh, sigmoid and relu, each with one argument.</source>
      <translation>「%1」はここでは使えません。使える関数は exp、log、sin、cos、tan、sqrt、abs、tanh、sigmoid、relu で、引数は 1 つです。</translation>
    </message>
    <message>
      <source>A constant part is undefined or too large (column %1).</source>
      <translation>定数の部分が定義されないか大きすぎます(%1 文字目)。</translation>
    </message>
    <message>
      <source>“%1” is not allowed in an expression (column %2).</source>
      <translation>「%1」は式に使えません(%2 文字目)。</translation>
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
    <name>BnPage</name>
    <message>
      <source>%1 diverged at iteration %2</source>
      <translation>%1：%2 回目で発散</translation>
    </message>
    <message>
      <source>with BN</source>
      <translation>BN あり</translation>
    </message>
    <message>
      <source>without BN</source>
      <translation>BN なし</translation>
    </message>
    <message>
      <source>Solid blue: with Batch Normalization; dashed grey: without. Each plot starts from weights of the scale in its title (§6.3.2, Fig. 6-18).</source>
      <translation>青の実線：Batch Normalization あり、灰色の破線：なし。各グラフはタイトルのスケールの重みから学習を始めます（6.3.2節、図6-18）。</translation>
    </message>
    <message>
      <source>Mean final training accuracy: %1 with BN, %2 without.</source>
      <translation>最終的な訓練データの認識精度の平均：BN あり %1、なし %2。</translation>
    </message>
  </context>
  <context>
    <name>ClassNames</name>
    <message>
      <source>T-shirt/top</source>
      <extracomment>Input sizes shown as images, and their (height, width).</extracomment>
      <translation>Tシャツ/トップス</translation>
    </message>
    <message>
      <source>Trouser</source>
      <translation>ズボン</translation>
    </message>
    <message>
      <source>Pullover</source>
      <translation>プルオーバー</translation>
    </message>
    <message>
      <source>Dress</source>
      <translation>ドレス</translation>
    </message>
    <message>
      <source>Coat</source>
      <translation>コート</translation>
    </message>
    <message>
      <source>Sandal</source>
      <translation>サンダル</translation>
    </message>
    <message>
      <source>Shirt</source>
      <translation>シャツ</translation>
    </message>
    <message>
      <source>Sneaker</source>
      <translation>スニーカー</translation>
    </message>
    <message>
      <source>Bag</source>
      <translation>バッグ</translation>
    </message>
    <message>
      <source>Ankle boot</source>
      <translation>アンクルブーツ</translation>
    </message>
  </context>
  <context>
    <name>CloseWaiter</name>
    <message>
      <source>Stopping… the window closes as soon as the run has stopped.</source>
      <extracomment>How long ``closeEvent`` waits for each worker before the window greys out and waits. How often the hidden window checks whether the threads have ended (besides the controllers' ``finished`` signals).</extracomment>
      <translation>停止中… 実行が止まるとすぐにウィンドウが閉じます。</translation>
    </message>
  </context>
  <context>
    <name>CnnTab</name>
    <message>
      <source>CNN</source>
      <translation>畳み込み</translation>
    </message>
    <message>
      <source>im2col explorer</source>
      <translation>im2col エクスプローラー</translation>
    </message>
    <message>
      <source>Convolution by hand</source>
      <translation>手で畳み込み</translation>
    </message>
    <message>
      <source>Training SimpleConvNet</source>
      <translation>SimpleConvNet の学習</translation>
    </message>
    <message>
      <source>Filters</source>
      <translation>フィルター</translation>
    </message>
    <message>
      <source>Feature maps</source>
      <translation>特徴マップ</translation>
    </message>
    <message>
      <source>Loss</source>
      <translation>損失</translation>
    </message>
    <message>
      <source>Filter value</source>
      <extracomment>How a typed filter entry is read (the one validator of a kernel cell).</extracomment>
      <translation>フィルターの値</translation>
    </message>
    <message>
      <source>Edges (Laplacian)</source>
      <extracomment>The largest |value| a filter entry may hold.</extracomment>
      <translation>エッジ(ラプラシアン)</translation>
    </message>
    <message>
      <source>Vertical edges (Sobel)</source>
      <translation>縦のエッジ(ソーベル)</translation>
    </message>
    <message>
      <source>Horizontal edges (Sobel)</source>
      <translation>横のエッジ(ソーベル)</translation>
    </message>
    <message>
      <source>Blur</source>
      <translation>ぼかし</translation>
    </message>
    <message>
      <source>Sharpen</source>
      <translation>シャープ</translation>
    </message>
    <message>
      <source>Identity</source>
      <translation>恒等(そのまま)</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>カスタム</translation>
    </message>
    <message>
      <source>Bundled MNIST (5,000 digits)</source>
      <translation>同梱の MNIST(5,000 枚)</translation>
    </message>
    <message>
      <source>Full MNIST (your files)</source>
      <translation>MNIST 全体(ダウンロードしたファイル)</translation>
    </message>
    <message>
      <source>Fashion-MNIST (installed)</source>
      <translation>Fashion-MNIST(インストール済み)</translation>
    </message>
    <message>
      <source>N (images)</source>
      <translation>N(データ数)</translation>
    </message>
    <message>
      <source>C (channels)</source>
      <translation>C(チャンネル)</translation>
    </message>
    <message>
      <source>H (height)</source>
      <translation>H(高さ)</translation>
    </message>
    <message>
      <source>W (width)</source>
      <translation>W(幅)</translation>
    </message>
    <message>
      <source>FH (filter height)</source>
      <translation>FH(フィルターの高さ)</translation>
    </message>
    <message>
      <source>FW (filter width)</source>
      <translation>FW(フィルターの幅)</translation>
    </message>
    <message>
      <source>S (stride)</source>
      <translation>S(ストライド)</translation>
    </message>
    <message>
      <source>P (padding)</source>
      <translation>P(パディング)</translation>
    </message>
    <message>
      <source>FN (filters)</source>
      <translation>FN(フィルター数)</translation>
    </message>
    <message>
      <source>Example numbers (seed)</source>
      <translation>例の数値(シード)</translation>
    </message>
    <message>
      <source>A bundled test digit</source>
      <translation>同梱のテスト画像</translation>
    </message>
    <message>
      <source>My drawing</source>
      <translation>自分で描いた数字</translation>
    </message>
    <message>
      <source>Image</source>
      <translation>画像</translation>
    </message>
    <message>
      <source>Test digit number</source>
      <translation>テスト画像の番号</translation>
    </message>
    <message>
      <source>Filter size</source>
      <translation>フィルターの大きさ</translation>
    </message>
    <message>
      <source>Filter</source>
      <translation>フィルター</translation>
    </message>
    <message>
      <source>Max</source>
      <translation>Max</translation>
    </message>
    <message>
      <source>Average</source>
      <translation>Average</translation>
    </message>
    <message>
      <source>Pooling 2×2</source>
      <translation>プーリング 2×2</translation>
    </message>
    <message>
      <source>Data</source>
      <translation>データ</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>エポック数</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>バッチサイズ</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>最適化手法</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学習率</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>シード</translation>
    </message>
    <message>
      <source>A test image</source>
      <translation>テスト画像</translation>
    </message>
    <message>
      <source>My drawing (By hand page)</source>
      <translation>自分で描いた数字(「手で畳み込み」ページ)</translation>
    </message>
    <message>
      <source>Feature maps of</source>
      <translation>特徴マップの対象</translation>
    </message>
    <message>
      <source>Test image for the feature maps</source>
      <translation>特徴マップを見るテスト画像</translation>
    </message>
  </context>
  <context>
    <name>CodeDialog</name>
    <message>
      <source>Code for this tab</source>
      <translation>このタブのコード</translation>
    </message>
    <message>
      <source>A standalone Python script that uses only NumPy and reproduces what the tab shows. Run it with: python %1</source>
      <translation>NumPy だけを使い、このタブに表示されている内容を再現する単独の Python スクリプトです。実行方法: python %1</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>コピー(&amp;C)</translation>
    </message>
    <message>
      <source>Copy the whole script to the clipboard</source>
      <translation>スクリプト全体をクリップボードにコピーします</translation>
    </message>
    <message>
      <source>&amp;Save .py…</source>
      <translation>.py として保存(&amp;S)…</translation>
    </message>
    <message>
      <source>Save the script as a Python file</source>
      <translation>スクリプトを Python ファイルとして保存します</translation>
    </message>
    <message>
      <source>Copied</source>
      <translation>コピーしました</translation>
    </message>
    <message>
      <source>Save script</source>
      <translation>スクリプトを保存</translation>
    </message>
    <message>
      <source>Python files (*.py)</source>
      <translation>Python ファイル (*.py)</translation>
    </message>
    <message>
      <source>Could not save %1: %2</source>
      <translation>%1 を保存できませんでした: %2</translation>
    </message>
    <message>
      <source>Saved</source>
      <translation>保存しました</translation>
    </message>
  </context>
  <context>
    <name>ComparePage</name>
    <message>
      <source>A 784-100-100-100-100-10 ReLU net on the bundled MNIST, batch 128. Four optimizers (§6.1.8, Fig. 6-9) or three initial weights (§6.2.4, Fig. 6-15).</source>
      <translation>同梱の MNIST で 784-100-100-100-100-10 の ReLU ネットワーク、バッチサイズ 128。4 つの最適化手法（6.1.8節、図6-9）または 3 つの重みの初期値（6.2.4節、図6-15）。</translation>
    </message>
    <message>
      <source>%1: final loss %2, test accuracy %3</source>
      <translation>%1：最終的な損失 %2、テストデータの認識精度 %3</translation>
    </message>
    <message>
      <source>iterations</source>
      <translation>繰り返し回数</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>損失関数の値</translation>
    </message>
  </context>
  <context>
    <name>ConfusionPanel</name>
    <message>
      <source>true class</source>
      <extracomment>axis titles (set by the owner, translated)</extracomment>
      <translation>正解のクラス</translation>
    </message>
    <message>
      <source>answer</source>
      <translation>答え</translation>
    </message>
    <message>
      <source>Test set after the last epoch: row = true class, column = the answer. Click a cell to list its images.</source>
      <translation>最後のエポック後のテストデータ: 行 = 正解のクラス、列 = 答え。セルをクリックするとその画像を一覧します。</translation>
    </message>
    <message>
      <source>Click a cell to see its images.</source>
      <translation>セルをクリックするとその画像を表示します。</translation>
    </message>
    <message>
      <source>True %1, answered %2: %3 test images</source>
      <translation>正解 %1、答え %2: テスト画像 %3 枚</translation>
    </message>
  </context>
  <context>
    <name>DerivativeLab</name>
    <message>
      <source>x =</source>
      <extracomment>Functions for the error plot: f and its exact derivative (any float dtype).</extracomment>
      <translation>x =</translation>
    </message>
    <message>
      <source>Where to draw the tangent of f(x) = 0.01x² + 0.1x</source>
      <translation>f(x) = 0.01x² + 0.1x の接線を引く位置</translation>
    </message>
    <message>
      <source>f(x) = 0.01x² + 0.1x and its tangent (Fig. 4-7)</source>
      <translation>f(x) = 0.01x² + 0.1x とその接線(図 4-7)</translation>
    </message>
    <message>
      <source>Error of the difference quotient against h</source>
      <translation>h に対する差分商の誤差</translation>
    </message>
    <message>
      <source>|error|</source>
      <translation>|誤差|</translation>
    </message>
    <message>
      <source>forward, float64</source>
      <translation>前方差分、float64</translation>
    </message>
    <message>
      <source>central, float64</source>
      <translation>中心差分、float64</translation>
    </message>
    <message>
      <source>forward, float32</source>
      <translation>前方差分、float32</translation>
    </message>
    <message>
      <source>central, float32</source>
      <translation>中心差分、float32</translation>
    </message>
    <message>
      <source>errors for 0.01x² + 0.1x</source>
      <translation>0.01x² + 0.1x の誤差</translation>
    </message>
    <message>
      <source>errors for sin(x)</source>
      <translation>sin(x) の誤差</translation>
    </message>
    <message>
      <source>errors for exp(x/10)</source>
      <translation>exp(x/10) の誤差</translation>
    </message>
    <message>
      <source>The function whose difference quotients are compared: for the book's quadratic the central difference has no truncation error at all</source>
      <translation>差分商を比べる関数: 本書の 2 次関数では中心差分の打ち切り誤差はまったくありません</translation>
    </message>
    <message>
      <source>h = 1e-4, the book's choice</source>
      <translation>h = 1e-4(本書の選択)</translation>
    </message>
    <message>
      <source>Large h: the difference quotient is off by truncation error (forward ∝ h, central ∝ h²; for the book's quadratic the central one is exact, so choose sin or exp to see its valley). Small h: rounding error ∝ ε/h takes over. h = 1e-4 is a safe middle for the central difference in float64. With h = 1e-50, float64 computes x + h == x (the difference is 0) and float32 rounds h itself to 0 (0/0 gives NaN).</source>
      <translation>h が大きいと、差分商は打ち切り誤差でずれます(前方差分は h に比例、中心差分は h² に比例。本書の 2 次関数では中心差分は正確なので、谷を見るには sin か exp を選んでください)。h が小さいと、ε/h に比例する丸め誤差が支配的になります。h = 1e-4 は float64 の中心差分にとって安全な中間の値です。h = 1e-50 では、float64 では x + h == x となって差が 0 になり、float32 では h 自体が 0 に丸められます(0/0 で NaN)。</translation>
    </message>
    <message>
      <source>numerical_diff(f, %1) = %2 (exact %3) · h = 1e-50: float64 gives %4, float32 gives %5</source>
      <translation>numerical_diff(f, %1) = %2(真の値 %3)· h = 1e-50 では float64 で %4、float32 で %5</translation>
    </message>
  </context>
  <context>
    <name>DescentTab</name>
    <message>
      <source>Descent</source>
      <translation>勾配降下</translation>
    </message>
    <message>
      <source>x0² + x1² (study notes, §4.4)</source>
      <extracomment>Steps per second offered by the speed slider; 0 = as fast as possible. One-click set-ups: surface, start, steps, gradient and racers.</extracomment>
      <translation>x0² + x1²(学習ノート、4.4 節)</translation>
    </message>
    <message>
      <source>x²/20 + y² (book §6.1)</source>
      <translation>x²/20 + y²(本書 6.1 節)</translation>
    </message>
    <message>
      <source>Rosenbrock (a curved valley)</source>
      <translation>Rosenbrock(曲がった谷)</translation>
    </message>
    <message>
      <source>Himmelblau (four minima)</source>
      <translation>Himmelblau(4 つの最小値)</translation>
    </message>
    <message>
      <source>Beale (flat plateaus, sharp ridges)</source>
      <translation>Beale(平らな台地と鋭い尾根)</translation>
    </message>
    <message>
      <source>Saddle x² − y² (no minimum)</source>
      <translation>鞍点 x² − y²(最小値なし)</translation>
    </message>
    <message>
      <source>Your own function…</source>
      <translation>自分で入力した関数…</translation>
    </message>
    <message>
      <source>Function</source>
      <translation>関数</translation>
    </message>
    <message>
      <source>The function whose minimum the optimizers look for</source>
      <translation>オプティマイザが最小値を探す関数</translation>
    </message>
    <message>
      <source>Speed</source>
      <translation>速さ</translation>
    </message>
    <message>
      <source>e.g. x**2 + 3*y**2 + sin(x)</source>
      <translation>例: x**2 + 3*y**2 + sin(x)</translation>
    </message>
    <message>
      <source>Type a function of x and y (x0, x1 also work) with numbers, + - * / **, brackets, sin cos tan exp log sqrt abs tanh, pi and e; press Enter</source>
      <translation>x と y(x0、x1 も可)の関数を、数値、+ - * / **、かっこ、sin cos tan exp log sqrt abs tanh、pi、e で入力し、Enter を押してください</translation>
    </message>
    <message>
      <source>Plot</source>
      <translation>描画</translation>
    </message>
    <message>
      <source>Use the typed function (Enter)</source>
      <translation>入力した関数を使う(Enter)</translation>
    </message>
    <message>
      <source>Show −∇f arrows (Fig. 4-9)</source>
      <translation>−∇f の矢印を表示(図 4-9)</translation>
    </message>
    <message>
      <source>Arrows point downhill, along minus the gradient; longer where it is steeper</source>
      <translation>矢印は勾配の逆向き(下り坂の方向)を指し、傾きが急なほど長くなります</translation>
    </message>
    <message>
      <source>Start and gradient</source>
      <translation>開始点と勾配</translation>
    </message>
    <message>
      <source>Start (x, y)</source>
      <translation>開始点 (x, y)</translation>
    </message>
    <message>
      <source>Gradient</source>
      <translation>勾配</translation>
    </message>
    <message>
      <source>h</source>
      <translation>h</translation>
    </message>
    <message>
      <source>Steps</source>
      <translation>ステップ数</translation>
    </message>
    <message>
      <source>Bound |x|</source>
      <translation>範囲 |x|</translation>
    </message>
    <message>
      <source>x of the start point (or click or drag on the map)</source>
      <translation>開始点の x(図をクリック/ドラッグしても設定できます)</translation>
    </message>
    <message>
      <source>Formula</source>
      <translation>式</translation>
    </message>
    <message>
      <source>Start x</source>
      <translation>開始点の x</translation>
    </message>
    <message>
      <source>Start y</source>
      <translation>開始点の y</translation>
    </message>
    <message>
      <source>y of the start point (or click or drag on the map)</source>
      <translation>開始点の y(図をクリック/ドラッグしても設定できます)</translation>
    </message>
    <message>
      <source>Step of the central difference (f(x+h) − f(x−h)) / 2h</source>
      <translation>中心差分 (f(x+h) − f(x−h)) / 2h の刻み幅</translation>
    </message>
    <message>
      <source>How many updates each optimizer makes</source>
      <translation>各オプティマイザが行う更新の回数</translation>
    </message>
    <message>
      <source>A run that leaves |x| ≤ bound is reported as diverged and stopped</source>
      <translation>|x| ≤ 範囲 から外れた実行は発散として報告し、止めます</translation>
    </message>
    <message>
      <source>numerical (central difference)</source>
      <translation>数値微分(中心差分)</translation>
    </message>
    <message>
      <source>analytic</source>
      <translation>解析的な勾配</translation>
    </message>
    <message>
      <source>Numerical: the book's numerical_gradient with step h. Analytic: the exact formula</source>
      <translation>数値微分: 本書の numerical_gradient(刻み幅 h)。解析的: 正確な式</translation>
    </message>
    <message>
      <source>Optimizers</source>
      <translation>オプティマイザ</translation>
    </message>
    <message>
      <source>Study notes</source>
      <translation>学習ノート</translation>
    </message>
    <message>
      <source>x0² + x1² from (3, 4), SGD with lr 0.1, 100 steps, as in the study notes</source>
      <translation>学習ノートと同じく、x0² + x1² を (3, 4) から、SGD・学習率 0.1 で 100 ステップ</translation>
    </message>
    <message>
      <source>lr comparison</source>
      <translation>学習率の比較</translation>
    </message>
    <message>
      <source>SGD with lr 10, 0.1 and 1e-10 from (−3, 4): too large, right, too small</source>
      <translation>(−3, 4) から学習率 10、0.1、1e-10 の SGD: 大きすぎ、適切、小さすぎ</translation>
    </message>
    <message>
      <source>Ch. 6 race</source>
      <translation>6 章の競走</translation>
    </message>
    <message>
      <source>The book's §6.1 comparison on x²/20 + y² from (−7, 2): SGD, Momentum, AdaGrad, Adam</source>
      <translation>本書 6.1 節の比較: x²/20 + y² を (−7, 2) から SGD、Momentum、AdaGrad、Adam で</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>実行</translation>
    </message>
    <message>
      <source>Start the race from the start point (R, Ctrl+R)</source>
      <translation>開始点から競走を始める(R、Ctrl+R)</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>1 ステップ</translation>
    </message>
    <message>
      <source>Advance every optimizer by one step (S)</source>
      <translation>すべてのオプティマイザを 1 ステップ進める(S)</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Stop the race; the points so far stay (Esc)</source>
      <translation>競走を止める。ここまでの点は残ります(Esc)</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>リセット</translation>
    </message>
    <message>
      <source>Stop and clear the trajectories and the table</source>
      <translation>止めて、軌跡と表を消す</translation>
    </message>
    <message>
      <source>Steps per second while running</source>
      <translation>実行中の 1 秒あたりのステップ数</translation>
    </message>
    <message>
      <source>Trajectories</source>
      <translation>軌跡</translation>
    </message>
    <message>
      <source>Click or drag the red target to set the start point; wheel to zoom</source>
      <translation>クリックするか赤い印をドラッグして開始点を設定。ホイールで拡大縮小</translation>
    </message>
    <message>
      <source>f per step</source>
      <translation>ステップごとの f</translation>
    </message>
    <message>
      <source>step</source>
      <translation>ステップ</translation>
    </message>
    <message>
      <source>‖∇f‖ per step</source>
      <translation>ステップごとの ‖∇f‖</translation>
    </message>
    <message>
      <source>Race</source>
      <translation>競走</translation>
    </message>
    <message>
      <source>Derivative lab</source>
      <translation>微分ラボ</translation>
    </message>
    <message>
      <source>Tangent lines and the error of numerical differences</source>
      <translation>接線と数値微分の誤差</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>オプティマイザ</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状態</translation>
    </message>
    <message>
      <source>waiting</source>
      <translation>待機中</translation>
    </message>
    <message>
      <source>running</source>
      <translation>実行中</translation>
    </message>
    <message>
      <source>finished</source>
      <translation>完了</translation>
    </message>
    <message>
      <source>barely moved</source>
      <translation>ほとんど動かず</translation>
    </message>
    <message>
      <source>finished: barely moved (learning rate too small?)</source>
      <translation>完了: ほとんど動いていません(学習率が小さすぎる?)</translation>
    </message>
    <message>
      <source>Gradient norm per step</source>
      <translation>ステップごとの勾配ノルム</translation>
    </message>
    <message>
      <source>Tangent line</source>
      <translation>接線</translation>
    </message>
    <message>
      <source>Errors of the difference quotient</source>
      <translation>差分商の誤差</translation>
    </message>
    <message>
      <source>Results</source>
      <translation>結果</translation>
    </message>
    <message>
      <source>diverged at step %1</source>
      <translation>ステップ %1 で発散</translation>
    </message>
    <message>
      <source>stopped</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>The point left the region or became NaN: see the message above</source>
      <translation>点が範囲の外に出たか NaN になりました: 上のメッセージを見てください</translation>
    </message>
    <message>
      <source>Stopped before the last step (Stop or Esc)</source>
      <translation>最後のステップの前に停止しました(停止ボタンまたは Esc)</translation>
    </message>
    <message>
      <source>Each optimizer's last point, to full precision</source>
      <translation>各オプティマイザの最後の点(全桁表示)</translation>
    </message>
    <message>
      <source>Press Run (R) to race the ticked optimizers from the red target, or press one of the presets; each one's last point appears in this table.</source>
      <translation>「実行」(R)を押すと、チェックしたオプティマイザが赤い印の位置から競走します。プリセットのボタンでも始められます。各オプティマイザの最後の点がこの表に表示されます。</translation>
    </message>
    <message>
      <source>Start point set to (%1, %2): press Run (R).</source>
      <translation>開始点を (%1, %2) にしました: 実行(R)を押してください。</translation>
    </message>
    <message>
      <source>Tick at least one optimizer to race.</source>
      <translation>競走させるオプティマイザを 1 つ以上選んでください。</translation>
    </message>
    <message>
      <source>The run stopped because of an error: %1</source>
      <translation>エラーのため実行が止まりました: %1</translation>
    </message>
    <message>
      <source>max speed</source>
      <translation>最高速</translation>
    </message>
    <message>
      <source>%1 steps/s</source>
      <translation>%1 ステップ/秒</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>再開</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>一時停止</translation>
    </message>
    <message>
      <source>Pause or resume the race (Space)</source>
      <translation>競走を一時停止/再開(Space)</translation>
    </message>
    <message>
      <source>%1 barely moved in %2 steps: the learning rate is probably too small for this function.</source>
      <extracomment>Points of one trajectory (and its readouts) drawn at most; longer runs are thinned.</extracomment>
      <translation>%1 は %2 ステップでほとんど動きませんでした: この関数には学習率が小さすぎるようです。</translation>
    </message>
    <message>
      <source>%1 diverged at step %2: the point left the plotted region (|x| &gt; %3) — the learning rate is too large for this function, or f has no minimum in that direction.</source>
      <translation>%1 はステップ %2 で発散しました: 点が表示範囲の外に出ました(|x| &gt; %3)。この関数には学習率が大きすぎるか、その方向に f の最小値がありません。</translation>
    </message>
    <message>
      <source>%1 diverged at step %2: the point became NaN or infinite — the learning rate is too large for this function, or f is undefined there.</source>
      <translation>%1 はステップ %2 で発散しました: 点が NaN または無限大になりました。この関数には学習率が大きすぎるか、そこで f が定義されていません。</translation>
    </message>
  </context>
  <context>
    <name>DownloadDialog</name>
    <message>
      <source>Download MNIST</source>
      <extracomment>the files' paths by role, once all four are in place and verified</extracomment>
      <translation>MNIST のダウンロード</translation>
    </message>
    <message>
      <source>The full MNIST of book §3.6 (60,000 training and 10,000 test digits, four files, %1) goes to %2. Each file is checked against its published SHA-256 digest; an interrupted download resumes where it stopped.</source>
      <translation>本書 3.6 節の MNIST 全体 (訓練 60,000 枚、テスト 10,000 枚、4 ファイル、%1) を %2 に保存します。各ファイルは公開されている SHA-256 ダイジェストで検査し、中断したダウンロードは続きから再開します。</translation>
    </message>
    <message>
      <source>Mirrors, tried in turn (one address per line):</source>
      <translation>ミラー (上から順に試します。1 行に 1 つのアドレス):</translation>
    </message>
    <message>
      <source>Defaults</source>
      <translation>既定に戻す</translation>
    </message>
    <message>
      <source>Download</source>
      <translation>ダウンロード</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <source>No mirror could deliver %1:</source>
      <translation>どのミラーからも %1 を取得できませんでした:</translation>
    </message>
    <message>
      <source>%1 refused access (HTTP 403 Forbidden), as it often does for the book's own loader. Try another mirror, or again later.</source>
      <translation>%1 がアクセスを拒否しました (HTTP 403 Forbidden)。本書のローダーでもよく起きる現象です。別のミラーを試すか、時間をおいて再試行してください。</translation>
    </message>
    <message>
      <source>%1 has no such file (HTTP 404 Not Found): the mirror may have moved. Check its address in the list.</source>
      <translation>%1 にそのファイルがありません (HTTP 404 Not Found)。ミラーが移転したのかもしれません。一覧のアドレスを確認してください。</translation>
    </message>
    <message>
      <source>%1 answered HTTP %2. Try another mirror, or again later.</source>
      <translation>%1 が HTTP %2 を返しました。別のミラーを試すか、時間をおいて再試行してください。</translation>
    </message>
    <message>
      <source>Could not connect to %1 (%2). Check the internet connection or proxy, or try another mirror.</source>
      <translation>%1 に接続できませんでした (%2)。インターネット接続やプロキシを確認するか、別のミラーを試してください。</translation>
    </message>
    <message>
      <source>%1 stopped sending. Try again: the download resumes where it stopped.</source>
      <translation>%1 からの送信が止まりました。再試行してください。止まったところから再開します。</translation>
    </message>
    <message>
      <source>The connection closed after %1 of %2 of %3. Try again: the download resumes from there.</source>
      <translation>%3 の %2 のうち %1 を受け取ったところで接続が切れました。再試行すると、そこから再開します。</translation>
    </message>
    <message>
      <source>%1 from %2 is not the published MNIST file (its SHA-256 differs); it was deleted. Try another mirror.</source>
      <translation>%2 から受け取った %1 は公開されている MNIST のファイルではありません (SHA-256 が異なります)。削除しました。別のミラーを試してください。</translation>
    </message>
    <message>
      <source>%1 sent something other than the file (perhaps a web page from a proxy or a login portal); nothing was kept. Try another mirror or network.</source>
      <translation>%1 はファイル以外のもの (プロキシやログインページの Web ページなど) を送ってきました。何も保存していません。別のミラーかネットワークを試してください。</translation>
    </message>
    <message>
      <source>The disk is full: %1 could not be written in %2. Free about 12 MB and try again; what was downloaded is kept.</source>
      <translation>ディスクがいっぱいです: %2 に %1 を書き込めませんでした。12 MB ほど空けてから再試行してください。ダウンロード済みの部分は残してあります。</translation>
    </message>
    <message>
      <source>Could not write in %1 (%2). Check that the folder can be written.</source>
      <translation>%1 に書き込めませんでした (%2)。フォルダーに書き込めるか確認してください。</translation>
    </message>
    <message>
      <source>Cancelled. What was downloaded is kept: Download again to resume.</source>
      <translation>キャンセルしました。ダウンロード済みの部分は残してあります。もう一度ダウンロードすると再開します。</translation>
    </message>
    <message>
      <source>The download failed: %1</source>
      <translation>ダウンロードに失敗しました: %1</translation>
    </message>
    <message>
      <source>MNIST is ready in %1. It is found at every start: choose it on the Training tab, or as input images on the Network tab.</source>
      <translation>MNIST を %1 に用意しました。起動のたびに見つけます。「学習」タブで選ぶか、「ネットワーク」タブで入力画像として使えます。</translation>
    </message>
    <message>
      <source>On the way:</source>
      <translation>途中で起きたこと:</translation>
    </message>
    <message>
      <source>Mirrors: each line must be an http:// or https:// address (%1).</source>
      <translation>ミラー: 各行は http:// か https:// で始まるアドレスにしてください (%1)。</translation>
    </message>
    <message>
      <source>the list is empty</source>
      <translation>一覧が空です</translation>
    </message>
    <message>
      <source>Connecting…</source>
      <translation>接続中…</translation>
    </message>
    <message>
      <source>Try again</source>
      <translation>再試行</translation>
    </message>
    <message>
      <source>%1 from %2: %3 of %4 · %5/s</source>
      <translation>%1 (%2 から): %4 中 %3 · %5/秒</translation>
    </message>
    <message>
      <source>%1 s left</source>
      <translation>残り %1 秒</translation>
    </message>
  </context>
  <context>
    <name>ErrorReporter</name>
    <message>
      <source>Not enough memory for that. Your work is kept; try something smaller.</source>
      <extracomment>The log keeps at most this many bytes; older entries are dropped on the next start. Qt messages that are not problems of the app (the offscreen and some Wayland platform plugins print this for every top-level window): not logged. False for ``--smoke-test`` and ``--screenshot`` runs, which write no files.</extracomment>
      <translation>メモリが足りませんでした。作業内容はそのままです。もっと小さいもので試してください。</translation>
    </message>
    <message>
      <source>Something went wrong (%1). Your work is kept.</source>
      <translation>予期しないエラーが起きました（%1）。作業内容はそのままです。</translation>
    </message>
    <message>
      <source>Unexpected error</source>
      <translation>予期しないエラー</translation>
    </message>
    <message>
      <source>The details were written to %1. The app keeps running.</source>
      <translation>詳細は %1 に記録しました。アプリはこのまま使えます。</translation>
    </message>
  </context>
  <context>
    <name>FileReading</name>
    <message>
      <source>%1
%2 of %3 MB</source>
      <extracomment>The progress dialog appears only for a read longer than this.</extracomment>
      <translation>%1
%3 MB 中 %2 MB</translation>
    </message>
    <message>
      <source>About %1 s left</source>
      <translation>残り約 %1 秒</translation>
    </message>
  </context>
  <context>
    <name>GatesTab</name>
    <message>
      <source>Gates</source>
      <translation>ゲート</translation>
    </message>
    <message>
      <source>OR (book, b = −0.2)</source>
      <extracomment>Weights per preset for 2 and 3 inputs: the book's AND, NAND, OR (§2.3.3), the study notes' OR with b = 0, NOR as negated OR; XOR and XNOR start from OR's and AND's weights (one perceptron cannot do them). Learning paces: seconds between epochs (0: as fast as possible). The one limit of w and b: fields, project files and learning. The perceptron rule moves a weight by at most lr (≤ 10) per row and epoch (≤ 10,000), 8 rows: never beyond 1e6. The preset combo (extra state: ``choose_preset`` applies a preset).</extracomment>
      <translation>OR(本書、b = −0.2)</translation>
    </message>
    <message>
      <source>OR (notes, b = 0)</source>
      <translation>OR(ノート、b = 0)</translation>
    </message>
    <message>
      <source>Custom</source>
      <translation>カスタム</translation>
    </message>
    <message>
      <source>A gate's truth table and a perceptron for it. With 3 inputs XOR is odd parity and XNOR even parity. Editing a target makes the table Custom.</source>
      <translation>論理回路の真理値表と、それを実現するパーセプトロン。3 入力では XOR は奇数パリティ、XNOR は偶数パリティです。目標値を編集すると「カスタム」になります。</translation>
    </message>
    <message>
      <source>&amp;Gate:</source>
      <translation>回路(&amp;G):</translation>
    </message>
    <message>
      <source>&amp;Inputs:</source>
      <extracomment>The number of inputs (extra state: ``choose_inputs`` applies it).</extracomment>
      <translation>入力数(&amp;I):</translation>
    </message>
    <message>
      <source>Number of inputs x1, x2 (, x3)</source>
      <translation>入力 x1, x2(, x3)の数</translation>
    </message>
    <message>
      <source>Click a target (t) or press Space to flip it, type 0 or 1 to set it. Ctrl+Z undoes.</source>
      <translation>目標値 (t) をクリックするか Space で反転、0 か 1 を入力して設定します。Ctrl+Z で元に戻せます。</translation>
    </message>
    <message>
      <source>Weights and bias</source>
      <translation>重みとバイアス</translation>
    </message>
    <message>
      <source>Bias b: how easily the neuron fires (book §2.3.2)</source>
      <translation>バイアス b: ニューロンの発火のしやすさ(本書 2.3.2 節)</translation>
    </message>
    <message>
      <source>Learn with the perceptron rule</source>
      <translation>パーセプトロンの学習規則で学習</translation>
    </message>
    <message>
      <source>Learning &amp;rate:</source>
      <translation>学習率(&amp;R):</translation>
    </message>
    <message>
      <source>&amp;Max epochs:</source>
      <translation>最大エポック数(&amp;M):</translation>
    </message>
    <message>
      <source>&amp;Speed:</source>
      <translation>速さ(&amp;S):</translation>
    </message>
    <message>
      <source>Slow</source>
      <translation>ゆっくり</translation>
    </message>
    <message>
      <source>Weight w1 of input x1</source>
      <translation>入力 x1 の重み w1</translation>
    </message>
    <message>
      <source>Weight w2 of input x2</source>
      <translation>入力 x2 の重み w2</translation>
    </message>
    <message>
      <source>Weight w3 of input x3</source>
      <translation>入力 x3 の重み w3</translation>
    </message>
    <message>
      <source>Normal</source>
      <translation>ふつう</translation>
    </message>
    <message>
      <source>Fast</source>
      <translation>速い</translation>
    </message>
    <message>
      <source>Instant</source>
      <translation>一瞬</translation>
    </message>
    <message>
      <source>How long each epoch stays on screen</source>
      <translation>各エポックを画面に表示しておく時間</translation>
    </message>
    <message>
      <source>Start from the current w and b</source>
      <translation>現在の w と b から始める</translation>
    </message>
    <message>
      <source>Unchecked, learning starts from w = 0 and b = 0.</source>
      <translation>チェックしないと、w = 0、b = 0 から学習を始めます。</translation>
    </message>
    <message>
      <source>Each wrong row moves w by lr·(t − y)·x and b by lr·(t − y)</source>
      <translation>誤った行ごとに w を lr·(t − y)·x、b を lr·(t − y) だけ動かします</translation>
    </message>
    <message>
      <source>An epoch is one pass over every row</source>
      <translation>1 エポックはすべての行を 1 回ずつ見ること</translation>
    </message>
    <message>
      <source>Run the perceptron rule epoch by epoch (L)</source>
      <translation>パーセプトロンの学習規則を 1 エポックずつ実行 (L)</translation>
    </message>
    <message>
      <source>Plot &amp;slice:</source>
      <translation>表示する断面(&amp;S):</translation>
    </message>
    <message>
      <source>Which half of the 3-input cube the plot shows</source>
      <translation>3 入力の立方体のどちらの半分をグラフに表示するか</translation>
    </message>
    <message>
      <source>Two-layer solution</source>
      <translation>2 層による解</translation>
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
      <source>Blue: target 1, orange: target 0, red ring: the perceptron gets it wrong. Drag the line to move it, drag an end to turn it.</source>
      <translation>青: 目標値 1、オレンジ: 目標値 0、赤い輪: パーセプトロンの出力が誤り。直線をドラッグすると平行移動、端をドラッグすると回転します。</translation>
    </message>
    <message>
      <source>Each row x drawn at its hidden outputs (s1, s2), with the output unit's line</source>
      <translation>各行 x を中間層の出力 (s1, s2) の位置に描き、出力ユニットの直線を重ねたもの</translation>
    </message>
    <message>
      <source>Send to the &amp;Network tab</source>
      <translation>ネットワーク タブへ送る(&amp;N)</translation>
    </message>
    <message>
      <source>Show this two-layer perceptron on the Network tab (step activations)</source>
      <translation>この 2 層パーセプトロンをネットワーク タブに表示(活性化関数はステップ関数)</translation>
    </message>
    <message>
      <source>Undo %1 (Ctrl+Z)</source>
      <translation>「%1」を元に戻す (Ctrl+Z)</translation>
    </message>
    <message>
      <source>Undo (Ctrl+Z)</source>
      <translation>元に戻す (Ctrl+Z)</translation>
    </message>
    <message>
      <source>Redo %1 (Ctrl+Shift+Z)</source>
      <translation>「%1」をやり直す (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>Redo (Ctrl+Shift+Z)</source>
      <translation>やり直します (Ctrl+Shift+Z)</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>&amp;Learn</source>
      <translation>学習(&amp;L)</translation>
    </message>
    <message>
      <source>The line w1·x1 + w2·x2 + b = 0; the shaded side is y = 1. Drag the line to move it, drag an end to turn it.</source>
      <translation>直線 w1·x1 + w2·x2 + b = 0。色の付いた側が y = 1 です。直線をドラッグすると平行移動、端をドラッグすると回転します。</translation>
    </message>
    <message>
      <source>3 inputs: the boundary is the plane w1·x1 + w2·x2 + w3·x3 + b = 0. The plot shows the slice x3 = %1, where the plane is the line w1·x1 + w2·x2 + (b + w3·%1) = 0; the other 4 rows are in the other slice.</source>
      <translation>3 入力では境界は平面 w1·x1 + w2·x2 + w3·x3 + b = 0 です。グラフは断面 x3 = %1 を表示しており、そこでは平面は直線 w1·x1 + w2·x2 + (b + w3·%1) = 0 になります。残りの 4 行はもう一方の断面にあります。</translation>
    </message>
    <message>
      <source> (for example w = (%1), b = %2)</source>
      <translation>(例: w = (%1)、b = %2)</translation>
    </message>
    <message>
      <source>✓ Linearly separable: one perceptron can produce this table%1.</source>
      <translation>✓ 線形分離可能: 1 つのパーセプトロンでこの真理値表を作れます%1。</translation>
    </message>
    <message>
      <source>line</source>
      <translation>直線</translation>
    </message>
    <message>
      <source>plane</source>
      <translation>平面</translation>
    </message>
    <message>
      <source>✗ Not linearly separable: no single %1 puts every 1 on one side and every 0 on the other, so no w and b make one perceptron produce this table (checked exactly, not by trying to learn). Two layers can: see the two-layer solution.</source>
      <translation>✗ 線形分離不可能: 1 を片側、0 をもう片側に分ける%1は 1 つもないので、どんな w と b でも 1 つのパーセプトロンではこの真理値表を作れません(学習を試したのではなく厳密に確かめた結果です)。2 層ならできます: 「2 層による解」を見てください。</translation>
    </message>
    <message>
      <source>Press Learn (L) to let the perceptron rule find w and b.</source>
      <translation>「学習」(L) を押すと、パーセプトロンの学習規則が w と b を探します。</translation>
    </message>
    <message>
      <source>&lt;b&gt;Hidden layer&lt;/b&gt; (each unit is a perceptron on x):</source>
      <translation>&lt;b&gt;中間層&lt;/b&gt;(各ユニットは x を入力とするパーセプトロン):</translation>
    </message>
    <message>
      <source>&lt;b&gt;Output&lt;/b&gt; (a perceptron on s):</source>
      <translation>&lt;b&gt;出力&lt;/b&gt;(s を入力とするパーセプトロン):</translation>
    </message>
    <message>
      <source>&lt;tr&gt;&lt;th&gt;x&lt;/th&gt;&lt;th&gt;s&lt;/th&gt;&lt;th&gt;y&lt;/th&gt;&lt;/tr&gt;</source>
      <translation>&lt;tr&gt;&lt;th&gt;x&lt;/th&gt;&lt;th&gt;s&lt;/th&gt;&lt;th&gt;y&lt;/th&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
      <source>Hidden space (s1, s2): the rows land on corners where one line, the output unit's, separates them.</source>
      <translation>中間層の空間 (s1, s2): 各行は正方形の頂点に移り、そこでは出力ユニットの 1 本の直線で分けられます。</translation>
    </message>
    <message>
      <source>Flip target of row %1</source>
      <translation>%1 行目の目標値を反転</translation>
    </message>
    <message>
      <source>Set target of row %1</source>
      <translation>%1 行目の目標値を設定</translation>
    </message>
    <message>
      <source>Custom table</source>
      <translation>カスタムの真理値表</translation>
    </message>
    <message>
      <source>Choose %1</source>
      <translation>%1 を選択</translation>
    </message>
    <message>
      <source>%1 inputs</source>
      <translation>%1 入力</translation>
    </message>
    <message>
      <source>Set %1 = %2</source>
      <translation>%1 = %2 に設定</translation>
    </message>
    <message>
      <source>Drag the line</source>
      <translation>直線をドラッグ</translation>
    </message>
    <message>
      <source>Decision boundary</source>
      <translation>決定境界</translation>
    </message>
    <message>
      <source>Hidden space</source>
      <translation>中間層の空間</translation>
    </message>
    <message>
      <source>Truth table</source>
      <translation>真理値表</translation>
    </message>
    <message>
      <source>This table is not linearly separable: the rule will run for %1 epochs and never get every row right. Watch it go round in circles.</source>
      <translation>この真理値表は線形分離不可能です。学習規則は %1 エポック走りますが、すべての行が正しくなることはありません。堂々巡りする様子を見てください。</translation>
    </message>
    <message>
      <source>Learning…</source>
      <translation>学習中…</translation>
    </message>
    <message>
      <source>Epoch %1 of at most %2: %3 row(s) wrong</source>
      <translation>エポック %1(最大 %2): 誤りは %3 行</translation>
    </message>
    <message>
      <source>Learning failed: %1</source>
      <translation>学習に失敗しました: %1</translation>
    </message>
    <message>
      <source>%1 hidden units (no fewer can do this table): the hidden space has %1 dimensions and is not drawn; the column s shows where each row lands.</source>
      <translation>中間層のユニットは %1 個(これより少ないとこの真理値表は作れません)。中間層の空間は %1 次元なので描画しません。各行の移り先は s の列で確かめられます。</translation>
    </message>
    <message>
      <source>Learn</source>
      <translation>学習</translation>
    </message>
    <message>
      <source>Learned in %1 epoch(s): every row is right with w = (%2), b = %3.</source>
      <translation>%1 エポックで学習完了: w = (%2)、b = %3 ですべての行が正解です。</translation>
    </message>
    <message>
      <source>After %1 epochs %2 row(s) are still wrong, and always will be: this table is not linearly separable. No single line (plane) w·x + b = 0 puts the 1s on one side and the 0s on the other. Two layers do it: see the two-layer solution.</source>
      <translation>%1 エポック後も %2 行が誤ったままで、これからも正しくなりません。この真理値表は線形分離不可能です。1 を片側、0 をもう片側に分ける直線(平面)w·x + b = 0 は存在しません。2 層ならできます: 「2 層による解」を見てください。</translation>
    </message>
    <message>
      <source>Stopped at epoch %1: %2 row(s) wrong.</source>
      <translation>エポック %1 で停止: 誤りは %2 行。</translation>
    </message>
    <message>
      <source>Not learned within %1 epochs (%2 row(s) wrong), although the table is linearly separable: allow more epochs or change the learning rate.</source>
      <translation>%1 エポックでは学習しきれませんでした(誤りは %2 行)。この真理値表は線形分離可能なので、エポック数を増やすか学習率を変えてみてください。</translation>
    </message>
    <message>
      <source>%1 as a two-layer perceptron from the Gates tab: hidden %2, output %3</source>
      <translation>ゲート タブの 2 層パーセプトロンによる %1: 中間層 %2、出力 %3</translation>
    </message>
    <message>
      <source>Input x%1 (0 or 1)</source>
      <extracomment>(row, new target) asked for by an edit in a delegate editor a refused edit, with the reason (translated)</extracomment>
      <translation>入力 x%1(0 または 1)</translation>
    </message>
    <message>
      <source>The target: what the gate should output. Click, press Space or type 0/1.</source>
      <translation>目標値: 回路が出力すべき値。クリック、Space、または 0/1 の入力で変更します。</translation>
    </message>
    <message>
      <source>The weighted sum w·x + b of this row</source>
      <translation>この行の重み付き和 w·x + b</translation>
    </message>
    <message>
      <source>The perceptron's output: 1 if w·x + b &gt; 0, else 0</source>
      <translation>パーセプトロンの出力: w·x + b &gt; 0 なら 1、そうでなければ 0</translation>
    </message>
    <message>
      <source>Does the output match the target?</source>
      <translation>出力は目標値と一致していますか?</translation>
    </message>
    <message>
      <source>Click, press Space or type 0/1 to change the target</source>
      <translation>クリック、Space、または 0/1 の入力で目標値を変更</translation>
    </message>
    <message>
      <source>A target is 0 or 1: “%1” was refused (%2), %3 kept.</source>
      <translation>目標値は 0 か 1 です: 「%1」は受け付けません(%2)。%3 のままにします。</translation>
    </message>
    <message>
      <source>A target is 0 or 1: “%1” was refused, %2 kept.</source>
      <translation>目標値は 0 か 1 です: 「%1」は受け付けません。%2 のままにします。</translation>
    </message>
  </context>
  <context>
    <name>HandPage</name>
    <message>
      <source>Image (28×28)</source>
      <translation>画像(28×28)</translation>
    </message>
    <message>
      <source>Feature map (same padding, stride 1)</source>
      <translation>特徴マップ(同じ大きさのパディング、ストライド 1)</translation>
    </message>
    <message>
      <source>After 2×2 pooling, stride 2</source>
      <translation>2×2 プーリング後(ストライド 2)</translation>
    </message>
    <message>
      <source>Filter weights (click a cell to edit):</source>
      <translation>フィルターの重み(セルをクリックして編集):</translation>
    </message>
    <message>
      <source>Draw a digit (used when Image is “My drawing”):</source>
      <translation>数字を描く(画像が「自分で描いた数字」のとき使われます):</translation>
    </message>
    <message>
      <source>Clear drawing</source>
      <translation>消去</translation>
    </message>
    <message>
      <source>Feature map %1×%2, values from %3 to %4 (black = lowest, white = highest); pooled %5×%6.</source>
      <translation>特徴マップ %1×%2、値は %3 から %4(黒 = 最小、白 = 最大)。プーリング後 %5×%6。</translation>
    </message>
  </context>
  <context>
    <name>Im2colExplorer</name>
    <message>
      <source>Input (padded)</source>
      <translation>入力(パディング込み)</translation>
    </message>
    <message>
      <source>im2col matrix: one row per output cell</source>
      <translation>im2col 行列: 出力の 1 セルにつき 1 行</translation>
    </message>
    <message>
      <source>Filters as columns</source>
      <translation>フィルター(列)</translation>
    </message>
    <message>
      <source>Output</source>
      <translation>出力</translation>
    </message>
    <message>
      <source>col2im: patches covering each input cell</source>
      <translation>col2im: 各入力セルを含むパッチの数</translation>
    </message>
    <message>
      <source>In the backward pass col2im puts every row of the im2col matrix back where it came from and adds up the copies: a cell covered by k patches receives k values. So col2im(im2col(x)) is x times these counts, not x — col2im is the transpose of im2col, not its inverse. With the stride equal to the filter and no padding every count is 1.</source>
      <translation>逆伝播では、col2im が im2col 行列の各行を元の位置に戻し、コピーを足し合わせます。k 個のパッチに含まれるセルには k 個の値が入ります。したがって col2im(im2col(x)) は x ではなく、x にこの数を掛けたものです — col2im は im2col の逆関数ではなく転置です。ストライドをフィルターと同じ大きさにし、パディングを 0 にすると、すべての数が 1 になります。</translation>
    </message>
    <message>
      <source>(rounded down)</source>
      <translation>(切り捨て)</translation>
    </message>
    <message>
      <source>input %1 → im2col %2 × filters %3 → output %4</source>
      <translation>入力 %1 → im2col %2 × フィルター %3 → 出力 %4</translation>
    </message>
    <message>
      <source>Output (%1) = row %2 of im2col · column %3 of the filters + bias = %4 + %5 = %6</source>
      <translation>出力 (%1) = im2col の %2 行目 · フィルターの %3 列目 + バイアス = %4 + %5 = %6</translation>
    </message>
    <message>
      <source>Padding cell: %1 copies in the im2col matrix; col2im drops their gradients.</source>
      <translation>パディングのセル: im2col 行列に %1 個のコピー。col2im はその勾配を捨てます。</translation>
    </message>
    <message>
      <source>Input cell (%1) appears %2 times in the im2col matrix; in the backward pass col2im adds those %2 gradients back into it.</source>
      <translation>入力セル (%1) は im2col 行列に %2 回現れます。逆伝播では col2im がその %2 個の勾配をこのセルに足し戻します。</translation>
    </message>
  </context>
  <context>
    <name>ImageInputPanel</name>
    <message>
      <source>MNIST, bundled (1,000 test digits)</source>
      <extracomment>the input vector (float64, ``n_pixels`` values in 0–1) to give the network</extracomment>
      <translation>MNIST 同梱 (テスト画像 1,000 枚)</translation>
    </message>
    <message>
      <source>MNIST, downloaded (10,000 test digits)</source>
      <translation>MNIST ダウンロード済み (テスト画像 10,000 枚)</translation>
    </message>
    <message>
      <source>Fashion-MNIST (10,000 test images)</source>
      <translation>Fashion-MNIST (テスト画像 10,000 枚)</translation>
    </message>
    <message>
      <source>8×8 digits, bundled</source>
      <translation>8×8 手書き数字 (同梱)</translation>
    </message>
    <message>
      <source>Image from</source>
      <translation>画像の出どころ</translation>
    </message>
    <message>
      <source>◀ Previous</source>
      <translation>◀ 前へ</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>次へ ▶</translation>
    </message>
    <message>
      <source>Random</source>
      <translation>ランダム</translation>
    </message>
    <message>
      <source>Number of the test image</source>
      <translation>テスト画像の番号</translation>
    </message>
    <message>
      <source>Pen</source>
      <translation>ペン</translation>
    </message>
    <message>
      <source>Eraser</source>
      <translation>消しゴム</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>消去</translation>
    </message>
    <message>
      <source>Draw a digit with the left mouse button (right button: clear). It is then prepared as MNIST's digits were: cropped to the ink, scaled to fit 20×20, its centre of mass moved to the centre of 28×28.</source>
      <translation>左ボタンで数字を描いてください (右ボタンで消去)。描いた数字は MNIST と同じ前処理を受けます: インクの部分を切り出し、20×20 に収まるよう縮小し、重心を 28×28 の中央に移します。</translation>
    </message>
    <message>
      <source>Draw here, or pick an image</source>
      <translation>ここに描くか、画像を選んでください</translation>
    </message>
    <message>
      <source>This image set cannot be read: %1</source>
      <translation>この画像データは読み込めません: %1</translation>
    </message>
    <message>
      <source>Label: %1</source>
      <translation>正解ラベル: %1</translation>
    </message>
    <message>
      <source>Network input</source>
      <translation>ネットワークへの入力</translation>
    </message>
    <message>
      <source>test image %1</source>
      <translation>テスト画像 %1</translation>
    </message>
    <message>
      <source>The test image exactly as the network gets it</source>
      <translation>ネットワークが受け取るそのままのテスト画像</translation>
    </message>
    <message>
      <source>Label: (your drawing)</source>
      <translation>正解ラベル: (手書き)</translation>
    </message>
    <message>
      <source>preprocessed</source>
      <translation>前処理後</translation>
    </message>
    <message>
      <source>Your drawing cropped to the ink, fitted in 20×20, centre of mass centred</source>
      <translation>手書きをインクの部分で切り出し、20×20 に収め、重心を中央に置いたもの</translation>
    </message>
    <message>
      <source>Your drawing cropped to the ink and fitted in 8×8</source>
      <translation>手書きをインクの部分で切り出し、8×8 に収めたもの</translation>
    </message>
    <message>
      <source>Answer: %1 (%2 %)</source>
      <translation>答え: %1 (%2 %)</translation>
    </message>
    <message>
      <source>✓ right</source>
      <translation>✓ 正解</translation>
    </message>
    <message>
      <source>✗ wrong</source>
      <translation>✗ 不正解</translation>
    </message>
  </context>
  <context>
    <name>InitLabPage</name>
    <message>
      <source>Layer %1</source>
      <translation>%1 層目</translation>
    </message>
    <message>
      <source>Layer</source>
      <translation>層</translation>
    </message>
    <message>
      <source>Mean</source>
      <translation>平均</translation>
    </message>
    <message>
      <source>Std</source>
      <translation>標準偏差</translation>
    </message>
    <message>
      <source>Near 0 (|z| &lt; %1)</source>
      <translation>0 付近（|z| &lt; %1）</translation>
    </message>
    <message>
      <source>Near ±1 (|z| &gt; %1)</source>
      <translation>±1 付近（|z| &gt; %1）</translation>
    </message>
    <message>
      <source>Most outputs sit at the ends of the range, where the activation's slope is almost 0: gradients vanish (Fig. 6-10).</source>
      <translation>出力の多くが範囲の両端に偏っています。そこでは活性化関数の傾きがほぼ 0 なので、勾配が消失します（図6-10）。</translation>
    </message>
    <message>
      <source>The outputs crowd together: every neuron says nearly the same, so many neurons are no better than one (Fig. 6-11).</source>
      <translation>出力が一か所に集まっています。どのニューロンもほぼ同じ値を出すので、たくさんあっても 1 個と変わりません（図6-11）。</translation>
    </message>
    <message>
      <source>The outputs stay spread out in every layer: learning can proceed (Figs. 6-13, 6-14).</source>
      <translation>どの層でも出力が適度に広がっています。学習がうまく進みます（図6-13、6-14）。</translation>
    </message>
    <message>
      <source>1,000 samples of 100 Gaussian inputs through 5 layers of 100 units; weight std in layer 1: %1. %2</source>
      <translation>100 個のガウス分布の入力を持つ 1,000 個のデータを 100 ユニットの 5 層に通します。1 層目の重みの標準偏差：%1。%2</translation>
    </message>
  </context>
  <context>
    <name>LayerHistogramView</name>
    <message>
      <source>activations</source>
      <extracomment>The most redraws a second (the issue's limit). The bars' colours by row kind (Okabe–Ito: blue, green, vermilion). (kind, layer number, plot, bars), kind "z", "bn" or "grad", in drawing order</extracomment>
      <translation>アクティベーション</translation>
    </message>
    <message>
      <source>BN output γx̂+β</source>
      <translation>BN の出力 γx̂+β</translation>
    </message>
    <message>
      <source>weight gradients</source>
      <translation>重みの勾配</translation>
    </message>
  </context>
  <context>
    <name>LayerPage</name>
    <message>
      <source>W%1: %2 × %3 (rows: inputs, columns: neurons)</source>
      <extracomment>Row height of the weight tables (pixels) and how many rows W shows before it scrolls.</extracomment>
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
      <extracomment>Each tab's Qt-free model (None for a tab that keeps its state in its widgets), made before any view: the project controller reads them without building views.</extracomment>
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
      <source>Download &amp;MNIST…</source>
      <translation>MNIST をダウンロード(&amp;M)…</translation>
    </message>
    <message>
      <source>Fetch the full MNIST of §3.6 (about 12 MB) into your data folder, once</source>
      <translation>3.6 節の MNIST 全体 (約 12 MB) をデータフォルダーに一度だけ取得します</translation>
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
    <name>NetworkImagePages</name>
    <message>
      <source>Image</source>
      <translation>画像</translation>
    </message>
    <message>
      <source>Accuracy (§3.6.3)</source>
      <translation>認識精度 (3.6.3 節)</translation>
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
      <source>Book §3.6.2: sample_weight.pkl, 784-50-100-10, on real MNIST digits</source>
      <translation>本書 3.6.2 節: sample_weight.pkl (784-50-100-10) で本物の MNIST を推論</translation>
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
      <source>Backward (ch. 5)</source>
      <translation>逆伝播(5 章)</translation>
    </message>
    <message>
      <source>Weights and biases (edit a cell; the canvas follows)</source>
      <translation>重みとバイアス (セルを編集するとキャンバスが追従します)</translation>
    </message>
    <message>
      <source>Network diagram</source>
      <translation>ネットワーク図</translation>
    </message>
    <message>
      <source>Input x</source>
      <translation>入力 x</translation>
    </message>
    <message>
      <source>Batch inputs</source>
      <translation>バッチ入力</translation>
    </message>
    <message>
      <source>Batch outputs</source>
      <translation>バッチ出力</translation>
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
      <source>it is not a plain .npz archive of numbers (make one with numpy.savez(path, W1=…, b1=…, W2=…, b2=…))</source>
      <translation>数値だけの .npz アーカイブではありません(numpy.savez(path, W1=…, b1=…, W2=…, b2=…) で作れます)</translation>
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
      <source>The book's §3.6.2 network, trained on MNIST (sample_weight.pkl: sigmoid hidden layers, softmax output). Draw a digit or pick one on the Image page.</source>
      <translation>本書 3.6.2 節の MNIST で学習済みのネットワーク (sample_weight.pkl: 隠れ層はシグモイド、出力はソフトマックス)。「画像」ページで数字を描くか選んでください。</translation>
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
    <message>
      <source>Target t:</source>
      <extracomment>whether the canvas shows gradients now (else it shows weights, kept current by its own ``values_changed`` refresh: no second redraw of every edge per edit) the last accepted text of each field (a refused edit puts it back)</extracomment>
      <translation>教師データ t:</translation>
    </message>
    <message>
      <source>A class label (0, 1, …) or one number per output, e.g. 0, 1</source>
      <translation>正解ラベル(0、1、…)、または出力 1 つにつき 1 つの数値(例 0, 1)</translation>
    </message>
    <message>
      <source>Sum of squares ½Σ(y − t)²</source>
      <translation>2 乗和誤差 ½Σ(y − t)²</translation>
    </message>
    <message>
      <source>Cross-entropy after softmax</source>
      <translation>ソフトマックスの後の交差エントロピー誤差</translation>
    </message>
    <message>
      <source>Backward</source>
      <translation>逆伝播</translation>
    </message>
    <message>
      <source>Backpropagate the loss: ∂L/∂W, ∂L/∂b and δ = ∂L/∂a everywhere</source>
      <translation>損失を逆伝播します: すべての ∂L/∂W、∂L/∂b と δ = ∂L/∂a</translation>
    </message>
    <message>
      <source>Show gradients on the canvas and in the tables</source>
      <translation>勾配を図と表に表示</translation>
    </message>
    <message>
      <source>Learning rate:</source>
      <translation>学習率:</translation>
    </message>
    <message>
      <source>One SGD step</source>
      <translation>SGD で 1 ステップ更新</translation>
    </message>
    <message>
      <source>W ← W − lr·∂L/∂W for every weight (Ctrl+Z undoes)</source>
      <translation>すべての重みを W ← W − lr·∂L/∂W で更新します(Ctrl+Z で元に戻せます)</translation>
    </message>
    <message>
      <source>Check</source>
      <translation>確認</translation>
    </message>
    <message>
      <source>at</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Numerical vs backprop</source>
      <translation>数値微分と誤差逆伝播法を比較</translation>
    </message>
    <message>
      <source>Target t: enter a class label from 0 to %1, or %2 numbers separated by commas.</source>
      <translation>教師データ t: 0〜%1 の正解ラベル、またはカンマで区切った %2 個の数値を入力してください。</translation>
    </message>
    <message>
      <source>Backward needs activations with a derivative: the step function's is 0 wherever it exists (%1).</source>
      <translation>逆伝播には微分できる活性化関数が必要です。ステップ関数の微分は、存在する場所ではどこでも 0 です(%1)。</translation>
    </message>
    <message>
      <source>Learning rate: enter a number above 0, at most 100.</source>
      <translation>学習率: 0 より大きく 100 以下の数値を入力してください。</translation>
    </message>
    <message>
      <source>L: %1 → %2</source>
      <translation>L: %1 → %2</translation>
    </message>
    <message>
      <source>Index: %1 has shape %2; enter a position inside it, e.g. 0, 0.</source>
      <translation>位置: %1 の形状は %2 です。その中の位置を入力してください(例 0, 0)。</translation>
    </message>
    <message>
      <source>∂L/∂%1[%2]: backprop %3, numerical %4, difference %5</source>
      <translation>∂L/∂%1[%2]: 誤差逆伝播法 %3、数値微分 %4、差 %5</translation>
    </message>
    <message>
      <source>L = %1</source>
      <translation>L = %1</translation>
    </message>
    <message>
      <source>∂L/∂%1 = %2</source>
      <translation>∂L/∂%1 = %2</translation>
    </message>
  </context>
  <context>
    <name>OverfitPage</name>
    <message>
      <source>%1 train</source>
      <translation>%1 訓練</translation>
    </message>
    <message>
      <source>%1 test</source>
      <translation>%1 テスト</translation>
    </message>
    <message>
      <source>λ = %1</source>
      <translation>λ = %1</translation>
    </message>
    <message>
      <source>dropout %1</source>
      <translation>Dropout %1</translation>
    </message>
    <message>
      <source>plain</source>
      <translation>通常</translation>
    </message>
    <message>
      <source>300 MNIST training images, 6 hidden layers of 100, SGD lr 0.01, batch 100: the plain net learns its training set by heart; the gap to the test accuracy is overfitting (§6.4.1). Weight decay and dropout narrow it.</source>
      <translation>MNIST の訓練画像 300 枚、100 ユニットの隠れ層 6 つ、SGD（学習率 0.01）、バッチサイズ 100：通常のネットワークは訓練データを丸暗記します。テストデータの認識精度との差が過学習です（6.4.1節）。Weight decay と Dropout はこの差を縮めます。</translation>
    </message>
    <message>
      <source>%1: train %2, test %3, gap %4</source>
      <translation>%1：訓練 %2、テスト %3、差 %4</translation>
    </message>
    <message>
      <source>epochs</source>
      <translation>エポック</translation>
    </message>
    <message>
      <source>accuracy</source>
      <translation>認識精度</translation>
    </message>
  </context>
  <context>
    <name>ProjectController</name>
    <message>
      <source>%1: could not read its state (%2)</source>
      <extracomment>How long after a change (a model's notification, or input on a tab without a model) the modified marker is brought up to date: edits in a burst cost one check. Input after which a tab without a model may hold a new state. Ask before discarding unsaved changes (off where nobody can answer). Autosave on close/timer (``enable_session``); off in tests and smoke runs. The revisions (with the current tab and file) the last autosave wrote. One check of the modified marker shortly after changes (single shot, restarted).</extracomment>
      <translation>%1: 状態を読み取れませんでした(%2)</translation>
    </message>
    <message>
      <source>%1 tab: %2 (it keeps its current settings)</source>
      <translation>%1 タブ: %2(このタブは現在の設定のままです)</translation>
    </message>
    <message>
      <source>Untitled</source>
      <translation>無題</translation>
    </message>
    <message>
      <source>&amp;New</source>
      <translation>新規(&amp;N)</translation>
    </message>
    <message>
      <source>Start a new project with every tab at its defaults</source>
      <translation>すべてのタブを初期設定に戻して新しいプロジェクトを始めます</translation>
    </message>
    <message>
      <source>&amp;Open…</source>
      <translation>開く(&amp;O)…</translation>
    </message>
    <message>
      <source>Open a Zerokara Lab project (.zkl.json)</source>
      <translation>Zerokara Lab のプロジェクト(.zkl.json)を開きます</translation>
    </message>
    <message>
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <source>Save every tab's settings to the project file</source>
      <translation>すべてのタブの設定をプロジェクトファイルに保存します</translation>
    </message>
    <message>
      <source>Save &amp;As…</source>
      <translation>名前を付けて保存(&amp;A)…</translation>
    </message>
    <message>
      <source>Save the project under a new name</source>
      <translation>プロジェクトを別の名前で保存します</translation>
    </message>
    <message>
      <source>Open &amp;Recent</source>
      <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Export</source>
      <translation>エクスポート(&amp;E)</translation>
    </message>
    <message>
      <source>Show &amp;code…</source>
      <translation>コードを表示(&amp;C)…</translation>
    </message>
    <message>
      <source>Restore last session at start</source>
      <translation>起動時に前回の作業を復元</translation>
    </message>
    <message>
      <source>Reopen the work you left, as it was, when Zerokara Lab starts</source>
      <translation>Zerokara Lab の起動時に、前回終了したときの作業をそのまま開き直します</translation>
    </message>
    <message>
      <source>Show a standalone NumPy script that reproduces this tab</source>
      <translation>このタブを再現する NumPy だけのスクリプトを表示します</translation>
    </message>
    <message>
      <source>This tab cannot export code yet</source>
      <translation>このタブはまだコードを出力できません</translation>
    </message>
    <message>
      <source>Could not make the code: %1</source>
      <translation>コードを作成できませんでした: %1</translation>
    </message>
    <message>
      <source>Zerokara Lab projects (*.zkl.json);;JSON files (*.json);;All files (*)</source>
      <translation>Zerokara Lab プロジェクト (*.zkl.json);;JSON ファイル (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
      <source>Open project</source>
      <translation>プロジェクトを開く</translation>
    </message>
    <message>
      <source>Save project as</source>
      <translation>名前を付けてプロジェクトを保存</translation>
    </message>
    <message>
      <source>Unsaved changes</source>
      <translation>未保存の変更</translation>
    </message>
    <message>
      <source>Save the changes to %1 first?</source>
      <translation>先に %1 への変更を保存しますか?</translation>
    </message>
    <message>
      <source>If you don't save, your changes to the project are lost.</source>
      <translation>保存しないと、プロジェクトへの変更は失われます。</translation>
    </message>
    <message>
      <source>The file does not exist.</source>
      <translation>ファイルが存在しません。</translation>
    </message>
    <message>
      <source>The file could not be read.</source>
      <translation>ファイルを読み込めませんでした。</translation>
    </message>
    <message>
      <source>The file is too large to be a Zerokara Lab project.</source>
      <translation>Zerokara Lab のプロジェクトとしては大きすぎるファイルです。</translation>
    </message>
    <message>
      <source>The project would be too large to open again: use a smaller network (the largest the app builds fit).</source>
      <translation>このプロジェクトは大きすぎて、保存しても開き直せません。小さいネットワークにしてください（アプリで作れる最大のネットワークは収まります）。</translation>
    </message>
    <message>
      <source>The file is empty.</source>
      <translation>ファイルが空です。</translation>
    </message>
    <message>
      <source>The file is not UTF-8 text: it may be damaged or cut short.</source>
      <translation>ファイルが UTF-8 のテキストではありません。壊れているか、途中で切れている可能性があります。</translation>
    </message>
    <message>
      <source>The file ends too early: it was probably cut short while being saved or copied.</source>
      <translation>ファイルが途中で終わっています。保存中かコピー中に切れてしまった可能性があります。</translation>
    </message>
    <message>
      <source>The file is not valid JSON.</source>
      <translation>ファイルが正しい JSON ではありません。</translation>
    </message>
    <message>
      <source>The file contains a number JSON does not allow (NaN or infinity).</source>
      <translation>JSON で使えない数値(NaN や無限大)が含まれています。</translation>
    </message>
    <message>
      <source>The current work holds a number a project file cannot store (NaN or infinity).</source>
      <translation>現在の作業に、プロジェクトファイルに保存できない数値(NaN や無限大)が含まれています。</translation>
    </message>
    <message>
      <source>The file is nested too deeply to be a project.</source>
      <translation>入れ子が深すぎて、プロジェクトとして読み込めません。</translation>
    </message>
    <message>
      <source>The file contains a number that is far too large.</source>
      <translation>大きすぎる数値が含まれています。</translation>
    </message>
    <message>
      <source>This is not a Zerokara Lab project file.</source>
      <translation>Zerokara Lab のプロジェクトファイルではありません。</translation>
    </message>
    <message>
      <source>The project was saved by a newer version of Zerokara Lab. Update the app to open it.</source>
      <translation>このプロジェクトは新しいバージョンの Zerokara Lab で保存されています。開くにはアプリを更新してください。</translation>
    </message>
    <message>
      <source>The project's schema_version is missing or wrong.</source>
      <translation>プロジェクトの schema_version がないか、正しくありません。</translation>
    </message>
    <message>
      <source>The project file does not have the expected layout.</source>
      <translation>プロジェクトファイルの構造が想定と異なります。</translation>
    </message>
    <message>
      <source>Part of the current work cannot be written to a project file.</source>
      <translation>現在の作業の一部をプロジェクトファイルに書き出せません。</translation>
    </message>
    <message>
      <source>The file could not be written.</source>
      <translation>ファイルに書き込めませんでした。</translation>
    </message>
    <message>
      <source>The file cannot be used.</source>
      <translation>このファイルは使えません。</translation>
    </message>
    <message>
      <source>Details: %1</source>
      <translation>詳細: %1</translation>
    </message>
    <message>
      <source>New project</source>
      <translation>新しいプロジェクト</translation>
    </message>
    <message>
      <source>Opening %1…</source>
      <translation>%1 を開いています…</translation>
    </message>
    <message>
      <source>Opening cancelled; your current work is unchanged.</source>
      <translation>開くのを取り消しました。今の作業はそのままです。</translation>
    </message>
    <message>
      <source>Could not open the project</source>
      <translation>プロジェクトを開けませんでした</translation>
    </message>
    <message>
      <source>Not enough memory to open %1.</source>
      <translation>%1 を開くにはメモリが足りません。</translation>
    </message>
    <message>
      <source>Could not open %1.</source>
      <translation>%1 を開けませんでした。</translation>
    </message>
    <message>
      <source>Your current work is unchanged.</source>
      <translation>現在の作業はそのまま残っています。</translation>
    </message>
    <message>
      <source>Part of the project could not be loaded</source>
      <translation>プロジェクトの一部を読み込めませんでした</translation>
    </message>
    <message>
      <source>%1 was opened, but:</source>
      <translation>%1 を開きましたが、次の問題がありました:</translation>
    </message>
    <message>
      <source>Opened %1</source>
      <translation>%1 を開きました</translation>
    </message>
    <message>
      <source>Could not save the project</source>
      <translation>プロジェクトを保存できませんでした</translation>
    </message>
    <message>
      <source>Could not save %1.</source>
      <translation>%1 を保存できませんでした。</translation>
    </message>
    <message>
      <source>Any earlier version of the file is unchanged.</source>
      <translation>以前に保存したファイルはそのまま残っています。</translation>
    </message>
    <message>
      <source>Saved %1</source>
      <translation>%1 を保存しました</translation>
    </message>
    <message>
      <source>Removed %1 missing file(s) from Open Recent.</source>
      <translation>見つからないファイル %1 件を「最近使ったファイル」から削除しました。</translation>
    </message>
    <message>
      <source>No recent projects</source>
      <translation>最近使ったプロジェクトはありません</translation>
    </message>
    <message>
      <source>Clear list</source>
      <translation>一覧を消去</translation>
    </message>
    <message>
      <source>Could not list what to export: %1</source>
      <translation>エクスポートできるものを取得できませんでした: %1</translation>
    </message>
    <message>
      <source>%1 as PNG image…</source>
      <translation>%1 を PNG 画像として…</translation>
    </message>
    <message>
      <source>%1 as SVG drawing…</source>
      <translation>%1 を SVG 図として…</translation>
    </message>
    <message>
      <source>%1 data as CSV…</source>
      <translation>%1 のデータを CSV として…</translation>
    </message>
    <message>
      <source>%1 as CSV…</source>
      <translation>%1 を CSV として…</translation>
    </message>
    <message>
      <source>Nothing to export on this tab</source>
      <translation>このタブにはエクスポートできるものがありません</translation>
    </message>
    <message>
      <source>PNG images (*.png)</source>
      <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
      <source>SVG drawings (*.svg)</source>
      <translation>SVG 図 (*.svg)</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>エクスポート</translation>
    </message>
    <message>
      <source>Export failed</source>
      <translation>エクスポートに失敗しました</translation>
    </message>
    <message>
      <source>Could not export %1: %2</source>
      <translation>%1 をエクスポートできませんでした: %2</translation>
    </message>
    <message>
      <source>Exported %1</source>
      <translation>%1 にエクスポートしました</translation>
    </message>
    <message>
      <source>Autosave failed: %1</source>
      <translation>自動保存に失敗しました: %1</translation>
    </message>
    <message>
      <source>The last session could not be restored (%1); it was set aside as %2.</source>
      <translation>前回の作業を復元できませんでした(%1)。そのファイルは %2 として退避しました。</translation>
    </message>
    <message>
      <source>Restored your last session.</source>
      <translation>前回の作業を復元しました。</translation>
    </message>
  </context>
  <context>
    <name>RacerRow</name>
    <message>
      <source>Take part in the race</source>
      <translation>競走に参加させる</translation>
    </message>
    <message>
      <source>Colour of this trajectory (click to change)</source>
      <extracomment>Where each extra hyperparameter's field goes: the first or the second slot of a row.</extracomment>
      <translation>この軌跡の色(クリックで変更)</translation>
    </message>
    <message>
      <source>The update rule (book §6.1): SGD, Momentum, Nesterov, AdaGrad, RMSprop, Adam</source>
      <translation>更新則(本書 6.1 節): SGD、Momentum、Nesterov、AdaGrad、RMSprop、Adam</translation>
    </message>
    <message>
      <source>On</source>
      <translation>参加</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>オプティマイザ</translation>
    </message>
    <message>
      <source>Colour</source>
      <translation>色</translation>
    </message>
    <message>
      <source>Learning rate η (Up/Down keys step it)</source>
      <translation>学習率 η(上下キーで増減)</translation>
    </message>
    <message>
      <source>Momentum α: how much of the previous velocity is kept</source>
      <translation>モーメンタム α: 前の速度をどれだけ残すか</translation>
    </message>
    <message>
      <source>Decay rate ρ: how fast old squared gradients are forgotten</source>
      <translation>減衰率 ρ: 過去の勾配の 2 乗をどれだけ速く忘れるか</translation>
    </message>
    <message>
      <source>β₁: decay of the mean of the gradients</source>
      <translation>β₁: 勾配の平均の減衰率</translation>
    </message>
    <message>
      <source>β₂: decay of the mean of the squared gradients</source>
      <translation>β₂: 勾配の 2 乗の平均の減衰率</translation>
    </message>
    <message>
      <source>Not used by this optimizer</source>
      <translation>このオプティマイザでは使いません</translation>
    </message>
    <message>
      <source>Remove this racer</source>
      <translation>この参加者を外す</translation>
    </message>
    <message>
      <source>Trajectory colour</source>
      <translation>軌跡の色</translation>
    </message>
  </context>
  <context>
    <name>RacersPanel</name>
    <message>
      <source>On · colour · optimizer</source>
      <translation>参加 · 色 · オプティマイザ</translation>
    </message>
    <message>
      <source>lr</source>
      <translation>学習率</translation>
    </message>
    <message>
      <source>α / ρ / β₁</source>
      <translation>α / ρ / β₁</translation>
    </message>
    <message>
      <source>+ Add racer</source>
      <translation>+ 参加者を追加</translation>
    </message>
    <message>
      <source>Add another optimizer to the race (up to 8)</source>
      <translation>競走にオプティマイザを追加(最大 8)</translation>
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
    <name>RunBar</name>
    <message>
      <source>Run</source>
      <extracomment>Colours of the kept runs, in order (colour-blind-safe Okabe–Ito, then greys).</extracomment>
      <translation>実行</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>キャンセル</translation>
    </message>
    <message>
      <source>Stop the runs; finished ones stay on the plot</source>
      <translation>学習を止めます。終わった結果はグラフに残ります</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>キャンセルしました。</translation>
    </message>
    <message>
      <source>%1 % done, about %2 left</source>
      <translation>%1 % 完了、残り約 %2</translation>
    </message>
  </context>
  <context>
    <name>SearchBoard</name>
    <message>
      <source>Next search: lr in 10^[%1, %2], λ in 10^[%3, %4]</source>
      <translation>次の探索：lr は 10^[%1, %2]、λ は 10^[%3, %4]</translation>
    </message>
    <message>
      <source>Running %1 trials…</source>
      <translation>%1 回の試行を実行中…</translation>
    </message>
    <message>
      <source>Best-%1 (val %2)</source>
      <translation>Best-%1（検証 %2）</translation>
    </message>
    <message>
      <source>Each trial trains a 784-100×6-10 net with SGD for the given epochs on 80 % of the training images and is scored on the other 20 % (validation data, §6.5.1; the test set is never used). Drag the orange rectangle over the best region, press “Narrow to selection” and run again (§6.5.3).</source>
      <translation>各試行は 784-100×6-10 のネットワークを訓練画像の 80 % で指定のエポック数だけ SGD で学習し、残りの 20 %（検証データ、6.5.1節。テストデータは使いません）で評価します。オレンジの長方形を良い範囲に重ね、「選択範囲に絞り込む」を押してもう一度実行します（6.5.3節）。</translation>
    </message>
    <message>
      <source>%1 trials. Best: validation accuracy %2 with lr = %3, λ = %4.</source>
      <translation>%1 回の試行。最良：検証データの認識精度 %2（lr = %3、λ = %4）。</translation>
    </message>
    <message>
      <source>Done.</source>
      <translation>完了しました。</translation>
    </message>
    <message>
      <source>The search failed: %1</source>
      <translation>探索に失敗しました：%1</translation>
    </message>
    <message>
      <source>No trials to export yet.</source>
      <translation>書き出す試行がまだありません。</translation>
    </message>
    <message>
      <source>Export trials as CSV</source>
      <translation>試行を CSV に書き出す</translation>
    </message>
    <message>
      <source>CSV files (*.csv)</source>
      <translation>CSV ファイル (*.csv)</translation>
    </message>
    <message>
      <source>Could not save %1: %2</source>
      <translation>%1 を保存できませんでした：%2</translation>
    </message>
    <message>
      <source>Saved %1 trials to %2</source>
      <translation>%1 回の試行を %2 に保存しました</translation>
    </message>
    <message>
      <source>Narrow to selection</source>
      <translation>選択範囲に絞り込む</translation>
    </message>
    <message>
      <source>Set the ranges to the orange rectangle on the scatter</source>
      <translation>探索範囲を散布図のオレンジの長方形にします</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>消去</translation>
    </message>
    <message>
      <source>Export CSV…</source>
      <translation>CSV に書き出す…</translation>
    </message>
    <message>
      <source>log10 learning rate</source>
      <translation>log10 学習率</translation>
    </message>
    <message>
      <source>log10 weight decay λ</source>
      <translation>log10 Weight decay λ</translation>
    </message>
    <message>
      <source>Validation accuracy: purple %1 … yellow %2</source>
      <translation>検証データの認識精度：紫 %1 … 黄 %2</translation>
    </message>
    <message>
      <source>epochs</source>
      <translation>エポック</translation>
    </message>
    <message>
      <source>accuracy</source>
      <translation>認識精度</translation>
    </message>
    <message>
      <source>Best trials: validation (solid), training (dashed)</source>
      <translation>上位の試行：検証（実線）、訓練（破線）</translation>
    </message>
  </context>
  <context>
    <name>SeriesPage</name>
    <message>
      <source>Training %1 networks…</source>
      <translation>%1 個のネットワークを学習中…</translation>
    </message>
    <message>
      <source>Done.</source>
      <translation>完了しました。</translation>
    </message>
    <message>
      <source>The run failed: %1</source>
      <translation>学習に失敗しました：%1</translation>
    </message>
    <message>
      <source>Clear</source>
      <translation>消去</translation>
    </message>
    <message>
      <source>Remove the kept runs from the plot</source>
      <translation>残しておいた結果をグラフから消します</translation>
    </message>
  </context>
  <context>
    <name>Settings</name>
    <message>
      <source>%1: %2</source>
      <extracomment>How a refusal joins the field's name and the reason.</extracomment>
      <translation>%1: %2</translation>
    </message>
    <message>
      <source>Enter a number.</source>
      <extracomment>The run states a model can be in (``TabModel.run_state``). The translation context of the reasons below.</extracomment>
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
      <translation>有限の数値を入力してください（NaN や無限大は使えません）。</translation>
    </message>
    <message>
      <source>“%1”: write the number without separators (1,000 is refused, not read as 1 or 1000; use a dot for decimals).</source>
      <translation>「%1」: 区切り文字を使わずに入力してください（1,000 は 1 とも 1000 とも読まず受け付けません。小数点はドット「.」です）。</translation>
    </message>
    <message>
      <source>“%1” contains “%2”, which is not one of the digits 0–9.</source>
      <translation>「%1」には 0〜9 の数字ではない「%2」が含まれています。</translation>
    </message>
    <message>
      <source>Enter a whole number.</source>
      <translation>整数を入力してください。</translation>
    </message>
    <message>
      <source>Enter a number from %1 to %2.</source>
      <translation>%1 から %2 までの数値を入力してください。</translation>
    </message>
    <message>
      <source>A number is needed, not %1.</source>
      <translation>数値が必要です（%1 ではなく）。</translation>
    </message>
    <message>
      <source>Must be true or false, not %1.</source>
      <translation>true か false が必要です（%1 ではなく）。</translation>
    </message>
    <message>
      <source>Text is needed, not %1.</source>
      <translation>文字列が必要です（%1 ではなく）。</translation>
    </message>
    <message>
      <source>A list of whole numbers is needed, not %1.</source>
      <translation>整数のリストが必要です（%1 ではなく）。</translation>
    </message>
    <message>
      <source>“%1” is not one of: %2.</source>
      <translation>「%1」は次のどれでもありません: %2。</translation>
    </message>
    <message>
      <source>At most %1 characters.</source>
      <translation>%1 文字以内にしてください。</translation>
    </message>
    <message>
      <source>This cannot be empty.</source>
      <translation>空にはできません。</translation>
    </message>
    <message>
      <source>At most %1 numbers.</source>
      <translation>数値は %1 個までです。</translation>
    </message>
    <message>
      <source>At least %1 numbers.</source>
      <translation>数値は %1 個以上必要です。</translation>
    </message>
    <message>
      <source>“%1” is not a whole number from %2 to %3.</source>
      <translation>「%1」は %2 から %3 までの整数ではありません。</translation>
    </message>
    <message>
      <source>%1</source>
      <extracomment>Colours given to new racers, in order (colour-blind-friendly Okabe–Ito, then extras). The hyperparameters beyond lr that each optimizer takes (up to two), by name. Default hyperparameters (the book's defaults), read from the engine's classes.</extracomment>
      <translation>%1</translation>
    </message>
    <message>
      <source>A %1×%2 filter does not fit in the padded %3×%4 input.</source>
      <extracomment>The refusal of a filter that does not fit (translated in context "Settings").</extracomment>
      <translation>%1×%2 のフィルターは、パディング込みで %3×%4 の入力に収まりません。</translation>
    </message>
    <message>
      <source>The padded input (%1 + 2·%2 = %3) is smaller than the filter (%4): %5 = (%3 − %4) / %6 + 1 would be less than 1.</source>
      <extracomment>The refusal of an input side or a padding too small for the filter ("Settings"): %1 the side, %2 the padding, %3 the padded side, %4 the filter side, %5 OH or OW, %6 the stride.</extracomment>
      <translation>パディング込みの入力 (%1 + 2·%2 = %3) がフィルター (%4) より小さくなります: %5 = (%3 − %4) / %6 + 1 が 1 未満になります。</translation>
    </message>
    <message>
      <source>A typed function has no analytic gradient.</source>
      <translation>入力した関数には解析的な勾配がありません。</translation>
    </message>
    <message>
      <source>Type a function of x and y, for example x**2 + y**2.</source>
      <extracomment>Why a typed expression is refused, by ``ExpressionError.reason`` (%1: the column, %2: the offending name or operator); translated in context "Settings" like every reason.</extracomment>
      <translation>x と y の関数を入力してください(例: x**2 + y**2)。</translation>
    </message>
    <message>
      <source>The expression is too long (at most %2 characters).</source>
      <translation>式が長すぎます(最大 %2 文字)。</translation>
    </message>
    <message>
      <source>Syntax error at column %1: check the brackets and operators.</source>
      <translation>%1 文字目で構文エラー: かっこと演算子を確認してください。</translation>
    </message>
    <message>
      <source>Unknown name “%2” at column %1: use x, y (or x0, x1), pi and e.</source>
      <translation>%1 文字目の「%2」は使えない名前です: x、y(または x0、x1)、pi、e を使ってください。</translation>
    </message>
    <message>
      <source>“%2” at column %1 is not an allowed function: use sin, cos, tan, exp, log, sqrt, abs or tanh.</source>
      <translation>%1 文字目の「%2」は使える関数ではありません: sin、cos、tan、exp、log、sqrt、abs、tanh を使ってください。</translation>
    </message>
    <message>
      <source>“%2” at column %1 is a function: write it with brackets, e.g. %2(x).</source>
      <translation>%1 文字目の「%2」は関数です: %2(x) のようにかっこを付けて書いてください。</translation>
    </message>
    <message>
      <source>%2() at column %1 takes exactly one argument.</source>
      <translation>%1 文字目の %2() は引数を 1 つだけ取ります。</translation>
    </message>
    <message>
      <source>Attribute access (“.%2”) at column %1 is not allowed.</source>
      <translation>%1 文字目の属性アクセス(「.%2」)は使えません。</translation>
    </message>
    <message>
      <source>The operator “%2” at column %1 is not allowed: use + - * / and ** for powers.</source>
      <translation>%1 文字目の演算子「%2」は使えません: + - * / と、べき乗には ** を使ってください。</translation>
    </message>
    <message>
      <source>Only numbers can be constants (column %1).</source>
      <translation>定数には数値だけが使えます(%1 文字目)。</translation>
    </message>
    <message>
      <source>“%2” at column %1 is not allowed in a formula.</source>
      <translation>%1 文字目の「%2」は式の中では使えません。</translation>
    </message>
    <message>
      <source>The expression is nested too deeply (column %1).</source>
      <translation>式の入れ子が深すぎます(%1 文字目)。</translation>
    </message>
    <message>
      <source>A constant part at column %1 is too large for float64.</source>
      <translation>%1 文字目の定数部分が float64 で表せないほど大きくなります。</translation>
    </message>
    <message>
      <source>A constant part at column %1 is undefined (e.g. the log of a negative number).</source>
      <translation>%1 文字目の定数部分が定義されません(負の数の log など)。</translation>
    </message>
    <message>
      <source>This expression cannot be used (column %1).</source>
      <translation>この式は使えません(%1 文字目)。</translation>
    </message>
  </context>
  <context>
    <name>TechniquesTab</name>
    <message>
      <source>Sigmoid</source>
      <extracomment>The pages, in order (keys used in ``page`` and by tests).</extracomment>
      <translation>シグモイド</translation>
    </message>
    <message>
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <source>ReLU</source>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>活性化関数</translation>
    </message>
    <message>
      <source>The activation of the 5 layers (§6.2.2 sigmoid, §6.2.3 ReLU)</source>
      <translation>5 つの層の活性化関数（6.2.2節 シグモイド、6.2.3節 ReLU）</translation>
    </message>
    <message>
      <source>std 1 (Fig. 6-10)</source>
      <translation>標準偏差 1（図6-10）</translation>
    </message>
    <message>
      <source>std 0.01 (Fig. 6-11)</source>
      <translation>標準偏差 0.01（図6-11）</translation>
    </message>
    <message>
      <source>Xavier 1/√n (Fig. 6-13)</source>
      <translation>Xavier 1/√n（図6-13）</translation>
    </message>
    <message>
      <source>He √(2/n) (Fig. 6-14)</source>
      <translation>He √(2/n)（図6-14）</translation>
    </message>
    <message>
      <source>Any std…</source>
      <translation>任意の標準偏差…</translation>
    </message>
    <message>
      <source>Initial weights</source>
      <translation>重みの初期値</translation>
    </message>
    <message>
      <source>The standard deviation of the Gaussian initial weights</source>
      <translation>ガウス分布で生成する初期値の標準偏差</translation>
    </message>
    <message>
      <source>std</source>
      <translation>標準偏差</translation>
    </message>
    <message>
      <source>Any standard deviation (with “Any std…”)</source>
      <translation>任意の標準偏差（「任意の標準偏差…」のとき）</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>シード</translation>
    </message>
    <message>
      <source>np.random.seed(seed) before the book's script: the same draws in the same order</source>
      <translation>本書のスクリプトの前に np.random.seed(seed)：同じ乱数を同じ順に引きます</translation>
    </message>
    <message>
      <source>Weight scales</source>
      <translation>重みのスケールの数</translation>
    </message>
    <message>
      <source>How many weight scales from 1 to 10⁻⁴ (the book: 16)</source>
      <translation>1〜10⁻⁴ の重みのスケールをいくつ試すか（本書：16）</translation>
    </message>
    <message>
      <source>Epochs</source>
      <translation>エポック数</translation>
    </message>
    <message>
      <source>Training images</source>
      <translation>訓練画像の枚数</translation>
    </message>
    <message>
      <source>The first N MNIST training images (the book: 300)</source>
      <translation>MNIST の訓練画像の先頭 N 枚（本書：300）</translation>
    </message>
    <message>
      <source>Epochs of the plain and λ runs (the book: 201)</source>
      <translation>通常と λ の学習のエポック数（本書：201）</translation>
    </message>
    <message>
      <source>Dropout epochs</source>
      <translation>Dropout のエポック数</translation>
    </message>
    <message>
      <source>Epochs of the dropout run (the book: 301)</source>
      <translation>Dropout の学習のエポック数（本書：301）</translation>
    </message>
    <message>
      <source>Weight decay λ</source>
      <translation>Weight decay λ</translation>
    </message>
    <message>
      <source>λ of the weight-decay run: loss + ½λΣW² (§6.4.2)</source>
      <translation>Weight decay の学習の λ：損失 + ½λΣW²（6.4.2節）</translation>
    </message>
    <message>
      <source>Dropout ratio</source>
      <translation>Dropout の割合</translation>
    </message>
    <message>
      <source>The share of hidden units erased in each training pass (§6.4.3)</source>
      <translation>訓練のたびに消去する隠れ層のニューロンの割合（6.4.3節）</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学習率</translation>
    </message>
    <message>
      <source>SGD's learning rate (the book: 0.01)</source>
      <translation>SGD の学習率（本書：0.01）</translation>
    </message>
    <message>
      <source>Trials</source>
      <translation>試行回数</translation>
    </message>
    <message>
      <source>Random trials per search (the book runs 100)</source>
      <translation>1 回の探索でのランダムな試行の数（本書は 100）</translation>
    </message>
    <message>
      <source>Epochs per trial</source>
      <translation>1 試行のエポック数</translation>
    </message>
    <message>
      <source>The first N training images; 20 % of them are held out for validation</source>
      <translation>訓練画像の先頭 N 枚。その 20 % を検証データとして取り分けます</translation>
    </message>
    <message>
      <source>lr from 10^</source>
      <translation>lr の下限 10^</translation>
    </message>
    <message>
      <source>lr to 10^</source>
      <translation>lr の上限 10^</translation>
    </message>
    <message>
      <source>λ from 10^</source>
      <translation>λ の下限 10^</translation>
    </message>
    <message>
      <source>λ to 10^</source>
      <translation>λ の上限 10^</translation>
    </message>
    <message>
      <source>Four optimizers (Fig. 6-9)</source>
      <translation>4 つの最適化手法（図6-9）</translation>
    </message>
    <message>
      <source>Three initial weights (Fig. 6-15)</source>
      <translation>3 つの重みの初期値（図6-15）</translation>
    </message>
    <message>
      <source>Comparison</source>
      <translation>比較</translation>
    </message>
    <message>
      <source>Iterations</source>
      <translation>繰り返し回数</translation>
    </message>
    <message>
      <source>Mini-batches of 128 per run (the book: 2000)</source>
      <translation>1 回の学習のミニバッチ（128 枚）の数（本書：2000）</translation>
    </message>
    <message>
      <source>Techniques</source>
      <translation>学習のテクニック</translation>
    </message>
    <message>
      <source>Initial weights §6.2</source>
      <translation>重みの初期値 6.2節</translation>
    </message>
    <message>
      <source>Batch Norm §6.3</source>
      <translation>Batch Norm 6.3節</translation>
    </message>
    <message>
      <source>Overfitting §6.4</source>
      <translation>過学習 6.4節</translation>
    </message>
    <message>
      <source>Hyperparameters §6.5</source>
      <translation>ハイパーパラメータ 6.5節</translation>
    </message>
    <message>
      <source>Comparisons §6.1–6.2</source>
      <translation>比較 6.1〜6.2節</translation>
    </message>
    <message>
      <source>Activation histograms</source>
      <translation>アクティベーションのヒストグラム</translation>
    </message>
    <message>
      <source>Batch Normalization</source>
      <translation>Batch Normalization</translation>
    </message>
    <message>
      <source>Overfitting</source>
      <translation>過学習</translation>
    </message>
    <message>
      <source>Search scatter</source>
      <translation>探索の散布図</translation>
    </message>
    <message>
      <source>Best trials</source>
      <translation>上位の試行</translation>
    </message>
    <message>
      <source>Comparison losses</source>
      <translation>比較の損失</translation>
    </message>
    <message>
      <source>Layer statistics</source>
      <translation>層ごとの統計</translation>
    </message>
  </context>
  <context>
    <name>TopologyView</name>
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
    <message>
      <source>%1 = %2 (click to edit)</source>
      <translation>%1 = %2 (クリックで編集)</translation>
    </message>
  </context>
  <context>
    <name>TrainPage</name>
    <message>
      <source>Train:</source>
      <extracomment>Redraws of the curves and the status line per second, at most. Redraws of the 30 filter images per second, at most (they change slowly; each redraw makes 30 images and repaints the grid while the worker wants the GIL).</extracomment>
      <translation>学習:</translation>
    </message>
    <message>
      <source>Train SimpleConvNet</source>
      <translation>SimpleConvNet を学習</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>実行</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>一時停止</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>1 ステップ</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Loss (cross-entropy)</source>
      <translation>損失(交差エントロピー)</translation>
    </message>
    <message>
      <source>Accuracy per epoch</source>
      <translation>エポックごとの認識精度</translation>
    </message>
    <message>
      <source>iteration</source>
      <translation>イテレーション</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>エポック</translation>
    </message>
    <message>
      <source>train (1,000 images)</source>
      <translation>訓練(1,000 枚)</translation>
    </message>
    <message>
      <source>test</source>
      <translation>テスト</translation>
    </message>
    <message>
      <source>Filters before learning</source>
      <translation>学習前のフィルター</translation>
    </message>
    <message>
      <source>Filters now (30 × 5×5, Fig. 7-24)</source>
      <translation>現在のフィルター(5×5 を 30 枚、図 7-24)</translation>
    </message>
    <message>
      <source>Test image</source>
      <translation>テスト画像</translation>
    </message>
    <message>
      <source>Conv1: 30 feature maps 24×24</source>
      <translation>Conv1: 24×24 の特徴マップ 30 枚</translation>
    </message>
    <message>
      <source>ReLU + pooling: 30 maps 12×12</source>
      <translation>ReLU + プーリング: 12×12 のマップ 30 枚</translation>
    </message>
    <message>
      <source>Hidden: 100 neurons</source>
      <translation>隠れ層: 100 ニューロン</translation>
    </message>
    <message>
      <source>Output: probabilities</source>
      <translation>出力: 確率</translation>
    </message>
    <message>
      <source>Run or step to see the feature maps.</source>
      <translation>実行またはステップで特徴マップが表示されます。</translation>
    </message>
    <message>
      <source>Full MNIST is not in your data folder yet: download it on the Training tab.</source>
      <translation>MNIST 全体がまだデータフォルダにありません。「学習」タブでダウンロードしてください。</translation>
    </message>
    <message>
      <source>Fashion-MNIST is not installed (Debian package dataset-fashion-mnist).</source>
      <translation>Fashion-MNIST がインストールされていません(Debian パッケージ dataset-fashion-mnist)。</translation>
    </message>
    <message>
      <source>The loss became NaN or infinite at iteration %1: lower the learning rate.</source>
      <translation>イテレーション %1 で損失が NaN または無限大になりました。学習率を下げてください。</translation>
    </message>
    <message>
      <source>Training stopped: %1</source>
      <translation>学習が止まりました: %1</translation>
    </message>
    <message>
      <source>Your drawing (centred as MNIST digits are): predicted %1</source>
      <translation>描いた数字(MNIST と同じように中央に配置): 予測 %1</translation>
    </message>
    <message>
      <source>Test image %1: label %2, predicted %3 (%4)</source>
      <translation>テスト画像 %1: 正解 %2、予測 %3(%4)</translation>
    </message>
    <message>
      <source>right</source>
      <translation>正解</translation>
    </message>
    <message>
      <source>wrong</source>
      <translation>不正解</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>再開</translation>
    </message>
    <message>
      <source>Reading the data…</source>
      <translation>データを読み込んでいます…</translation>
    </message>
    <message>
      <source>Iteration %1 of %2, loss %3, %4 it/s</source>
      <translation>イテレーション %1/%2、損失 %3、%4 回/秒</translation>
    </message>
    <message>
      <source>Epoch %1: accuracy train %2, test %3</source>
      <translation>エポック %1: 訓練 %2、テスト %3</translation>
    </message>
  </context>
  <context>
    <name>TrainingTab</name>
    <message>
      <source>Training</source>
      <translation>学習</translation>
    </message>
    <message>
      <source>Data</source>
      <extracomment>The widest the controls column grows to fit its texts (the plots keep the rest). The settings of the Data and Network boxes, in order.</extracomment>
      <translation>データ</translation>
    </message>
    <message>
      <source>Network</source>
      <translation>ネットワーク</translation>
    </message>
    <message>
      <source>Learning</source>
      <translation>学習の設定</translation>
    </message>
    <message>
      <source>XOR (2-D)</source>
      <extracomment>The data sets in the order ``datasetCombo`` shows them.</extracomment>
      <translation>XOR(2 次元)</translation>
    </message>
    <message>
      <source>Circles (2-D)</source>
      <translation>同心円(2 次元)</translation>
    </message>
    <message>
      <source>Moons (2-D)</source>
      <translation>三日月(2 次元)</translation>
    </message>
    <message>
      <source>Spirals (2-D)</source>
      <translation>渦巻き(2 次元)</translation>
    </message>
    <message>
      <source>Gaussian blobs (2-D)</source>
      <translation>ガウス分布のかたまり(2 次元)</translation>
    </message>
    <message>
      <source>8×8 handwritten digits (bundled)</source>
      <translation>8×8 の手書き数字(同梱)</translation>
    </message>
    <message>
      <source>MNIST from your files…</source>
      <translation>手元のファイルの MNIST…</translation>
    </message>
    <message>
      <source>What to learn from. 2-D toys show a decision-region map; images show test digits.</source>
      <translation>学習に使うデータ。2 次元のデータでは決定領域の図を、画像ではテスト画像を表示します。</translation>
    </message>
    <message>
      <source>Data set</source>
      <extracomment>Default learning rate per optimizer, set when the learner picks one (the book's §6.1.7 comparison uses similar ones); others: 0.01. A numerical-gradient iteration estimated slower than this is refused: the worker can only stop between records, and the estimate is good to a factor of ~2, so an iteration (plus its epoch evaluation) stays within ~2 s. The digits net (64-50-10) takes ~10 ms, a 784-50-10 net on a batch of 100 ~0.1 s. How many test images a run predicts for the preview grid.</extracomment>
      <translation>データセット</translation>
    </message>
    <message>
      <source>Classes</source>
      <translation>クラス数</translation>
    </message>
    <message>
      <source>Samples</source>
      <translation>データ数</translation>
    </message>
    <message>
      <source>Noise</source>
      <translation>ノイズ</translation>
    </message>
    <message>
      <source>Data seed</source>
      <translation>データのシード</translation>
    </message>
    <message>
      <source>Test fraction</source>
      <translation>テストデータの割合</translation>
    </message>
    <message>
      <source>Number of classes for spirals and blobs (2–5)</source>
      <translation>渦巻きとかたまりのクラス数(2〜5)</translation>
    </message>
    <message>
      <source>Number of points generated (train + test)</source>
      <translation>生成する点の数(訓練 + テスト)</translation>
    </message>
    <message>
      <source>Standard deviation of the random jitter added to each point</source>
      <translation>各点に加えるランダムなずれの標準偏差</translation>
    </message>
    <message>
      <source>The same seed makes the same points and the same train/test split</source>
      <translation>同じシードなら、同じ点と同じ訓練/テストの分割になります</translation>
    </message>
    <message>
      <source>Share of the samples kept aside to measure test accuracy</source>
      <translation>テストの認識精度を測るために取り分けておくデータの割合</translation>
    </message>
    <message>
      <source>Open MNIST files…</source>
      <translation>MNIST のファイルを開く…</translation>
    </message>
    <message>
      <source>Choose the four IDX files (gzipped or not), one .npz, or the book's mnist.pkl. Nothing is downloaded.</source>
      <translation>4 つの IDX ファイル(gzip 圧縮でも可)、1 つの .npz、または本書の mnist.pkl を選びます。ダウンロードは行いません。</translation>
    </message>
    <message>
      <source>Hidden layers</source>
      <translation>隠れ層</translation>
    </message>
    <message>
      <source>Neurons per hidden layer, separated by commas, e.g. “50” or “50, 20”</source>
      <translation>隠れ層ごとのニューロン数をカンマ区切りで。例: 「50」や「50, 20」</translation>
    </message>
    <message>
      <source>ReLU</source>
      <extracomment>Real image sets found by name (bundled, installed, downloaded: gui.image_sources).</extracomment>
      <translation>ReLU</translation>
    </message>
    <message>
      <source>Sigmoid</source>
      <translation>シグモイド</translation>
    </message>
    <message>
      <source>tanh</source>
      <translation>tanh</translation>
    </message>
    <message>
      <source>Activation</source>
      <translation>活性化関数</translation>
    </message>
    <message>
      <source>Activation function of the hidden layers</source>
      <translation>隠れ層の活性化関数</translation>
    </message>
    <message>
      <source>Gaussian × std</source>
      <translation>ガウス分布 × 標準偏差</translation>
    </message>
    <message>
      <source>Xavier (1/√n)</source>
      <translation>Xavier(1/√n)</translation>
    </message>
    <message>
      <source>He (√(2/n))</source>
      <translation>He(√(2/n))</translation>
    </message>
    <message>
      <source>Initial weights</source>
      <translation>重みの初期値</translation>
    </message>
    <message>
      <source>Xavier suits sigmoid and tanh, He suits ReLU (book §6.2); biases start at 0</source>
      <translation>シグモイドや tanh には Xavier、ReLU には He の初期値が合います(本書 6.2 節)。バイアスの初期値は 0 です</translation>
    </message>
    <message>
      <source>std</source>
      <translation>標準偏差</translation>
    </message>
    <message>
      <source>Standard deviation for “Gaussian × std”</source>
      <translation>「ガウス分布 × 標準偏差」の標準偏差</translation>
    </message>
    <message>
      <source>Use the Network tab's network</source>
      <translation>ネットワークタブのネットワークを使う</translation>
    </message>
    <message>
      <source>Gradient</source>
      <translation>勾配</translation>
    </message>
    <message>
      <source>Backpropagation (ch. 5)</source>
      <translation>誤差逆伝播法(5 章)</translation>
    </message>
    <message>
      <source>MNIST 5,000 (bundled)</source>
      <translation>MNIST 5,000 枚 (同梱)</translation>
    </message>
    <message>
      <source>Fashion-MNIST (installed)</source>
      <translation>Fashion-MNIST (インストール済み)</translation>
    </message>
    <message>
      <source>MNIST, 70,000 digits (downloaded)</source>
      <translation>MNIST 70,000 枚 (ダウンロード済み)</translation>
    </message>
    <message>
      <source>Numerical gradient (ch. 4)</source>
      <translation>数値微分による勾配(4 章)</translation>
    </message>
    <message>
      <source>Batch Norm after layers</source>
      <extracomment>With live layer histograms on, the engine bins a mini-batch at most every this many seconds (the view draws at most 5 a second: binning more often would be wasted work).</extracomment>
      <translation>Batch Norm を入れる層</translation>
    </message>
    <message>
      <source>Numbers of the hidden layers followed by Batch Normalization (§6.3), e.g. “1, 2”; empty: none. Numbers beyond the hidden layers are ignored.</source>
      <translation>後ろに Batch Normalization（6.3節）を入れる隠れ層の番号。例：「1, 2」。空欄なら入れません。隠れ層の数を超える番号は無視します。</translation>
    </message>
    <message>
      <source>Dropout % per layer</source>
      <translation>層ごとの Dropout（%）</translation>
    </message>
    <message>
      <source>The share of each hidden layer's units erased in every training pass (§6.4.3), in per cent, e.g. “20, 20”; missing layers: none</source>
      <translation>訓練のたびに各隠れ層で消去するニューロンの割合（6.4.3節、%）。例：「20, 20」。書かれていない層は消去しません</translation>
    </message>
    <message>
      <source>Weight decay λ</source>
      <translation>荷重減衰 λ</translation>
    </message>
    <message>
      <source>Adds ½λΣW² to the loss and λW to each weight's gradient (§6.4.2)</source>
      <translation>損失関数に ½λΣW² を、各重みの勾配に λW を加えます（6.4.2節）</translation>
    </message>
    <message>
      <source>Live layer histograms</source>
      <translation>層ごとのヒストグラムを表示</translation>
    </message>
    <message>
      <source>Every layer's activations and weight gradients while training (§6.2), redrawn at most 5 times a second</source>
      <translation>学習中の各層のアクティベーションと重みの勾配の分布（6.2節）。1 秒に最大 5 回描き直します</translation>
    </message>
    <message>
      <source>Optimizer</source>
      <translation>最適化手法</translation>
    </message>
    <message>
      <source>How the gradient moves the parameters (book §6.1)</source>
      <translation>勾配を使ってパラメータをどう更新するか(本書 6.1 節)</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学習率</translation>
    </message>
    <message>
      <source>Step size η; editable while paused</source>
      <translation>更新の大きさ η。一時停止中に変更できます</translation>
    </message>
    <message>
      <source>Batch size</source>
      <translation>バッチサイズ</translation>
    </message>
    <message>
      <source>Samples per mini-batch, drawn at random; editable while paused</source>
      <translation>ミニバッチ 1 つあたりのデータ数(ランダムに選択)。一時停止中に変更できます</translation>
    </message>
    <message>
      <source>Length</source>
      <translation>長さ</translation>
    </message>
    <message>
      <source>How long to train (iterations or epochs); editable while paused</source>
      <translation>学習する長さ(繰り返し回数またはエポック数)。一時停止中に変更できます</translation>
    </message>
    <message>
      <source>iterations</source>
      <translation>回</translation>
    </message>
    <message>
      <source>epochs</source>
      <translation>エポック</translation>
    </message>
    <message>
      <source>Seed</source>
      <translation>シード</translation>
    </message>
    <message>
      <source>Seed for the initial weights and the mini-batch choice</source>
      <translation>重みの初期値とミニバッチの選び方のシード</translation>
    </message>
    <message>
      <source>Run</source>
      <translation>実行</translation>
    </message>
    <message>
      <source>Start training from fresh weights (Ctrl+R or R)</source>
      <translation>新しい重みから学習を始めます(Ctrl+R または R)</translation>
    </message>
    <message>
      <source>Step</source>
      <translation>ステップ</translation>
    </message>
    <message>
      <source>Train on one mini-batch, then pause (S)</source>
      <translation>ミニバッチ 1 つ分だけ学習して一時停止します(S)</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>End the run; the learned weights stay (Esc)</source>
      <translation>学習を終えます。学習した重みは残ります(Esc)</translation>
    </message>
    <message>
      <source>Reset</source>
      <translation>リセット</translation>
    </message>
    <message>
      <source>Stop and clear the plots and the learned weights</source>
      <translation>停止して、グラフと学習した重みを消去します</translation>
    </message>
    <message>
      <source>Gradient check</source>
      <translation>勾配確認</translation>
    </message>
    <message>
      <source>Compare the numerical gradient with backprop on 3 training samples for the current weights (book §5.7.3)</source>
      <translation>現在の重みについて、訓練データ 3 個で数値微分と誤差逆伝播法の勾配を比べます(本書 5.7.3 節)</translation>
    </message>
    <message>
      <source>Send weights to the Network tab</source>
      <translation>重みをネットワークタブへ送る</translation>
    </message>
    <message>
      <source>Show the learned network on the Network tab</source>
      <translation>学習したネットワークをネットワークタブに表示します</translation>
    </message>
    <message>
      <source>Logarithmic loss axis</source>
      <translation>損失の軸を対数目盛にする</translation>
    </message>
    <message>
      <source>Loss per iteration</source>
      <translation>繰り返しごとの損失</translation>
    </message>
    <message>
      <source>iteration</source>
      <translation>繰り返し回数</translation>
    </message>
    <message>
      <source>loss</source>
      <translation>損失</translation>
    </message>
    <message>
      <source>Accuracy per epoch</source>
      <translation>エポックごとの認識精度</translation>
    </message>
    <message>
      <source>epoch</source>
      <translation>エポック</translation>
    </message>
    <message>
      <source>accuracy</source>
      <translation>認識精度</translation>
    </message>
    <message>
      <source>train</source>
      <translation>訓練</translation>
    </message>
    <message>
      <source>test</source>
      <translation>テスト</translation>
    </message>
    <message>
      <source>Decision regions: ● train, ▲ test</source>
      <translation>決定領域: ● 訓練、▲ テスト</translation>
    </message>
    <message>
      <source>Test images appear here</source>
      <translation>ここにテスト画像が表示されます</translation>
    </message>
    <message>
      <source>The first test images with the predicted digit; wrong ones are framed in red</source>
      <translation>先頭のテスト画像と予測した数字。間違えたものは赤枠で示します</translation>
    </message>
    <message>
      <source>Gradient check: |numerical − backprop|</source>
      <translation>勾配確認: |数値微分 − 誤差逆伝播法|</translation>
    </message>
    <message>
      <source>parameter</source>
      <translation>パラメータ</translation>
    </message>
    <message>
      <source>shape</source>
      <translation>形状</translation>
    </message>
    <message>
      <source>mean</source>
      <translation>平均</translation>
    </message>
    <message>
      <source>max</source>
      <translation>最大</translation>
    </message>
    <message>
      <source>Not available: no Network tab is connected</source>
      <translation>使用できません: ネットワークタブと接続されていません</translation>
    </message>
    <message>
      <source>Train the network drawn on the Network tab (its sizes, activations and weights); its inputs must match the data's features</source>
      <translation>ネットワークタブで描いたネットワーク(サイズ、活性化関数、重み)を学習させます。入力の数はデータの特徴量の数と一致する必要があります</translation>
    </message>
    <message>
      <source>Open your MNIST files to use this data set.</source>
      <extracomment>MNIST loaded from the learner's files (None before), and a short name for it.</extracomment>
      <translation>このデータセットを使うには MNIST のファイルを開いてください。</translation>
    </message>
    <message>
      <source>This data set cannot be used: %1</source>
      <translation>このデータセットは使えません: %1</translation>
    </message>
    <message>
      <source>%1 training and %2 test samples, %3 features, %4 classes</source>
      <translation>訓練データ %1 個、テストデータ %2 個、特徴量 %3 個、%4 クラス</translation>
    </message>
    <message>
      <source>Open MNIST: four IDX files, one .npz or mnist.pkl</source>
      <translation>MNIST を開く: IDX ファイル 4 つ、.npz 1 つ、または mnist.pkl</translation>
    </message>
    <message>
      <source>MNIST files (*ubyte* *.gz *.idx *.npz *.pkl);;All files (*)</source>
      <translation>MNIST のファイル (*ubyte* *.gz *.idx *.npz *.pkl);;すべてのファイル (*)</translation>
    </message>
    <message>
      <source>Reading the MNIST files…</source>
      <translation>MNIST のファイルを読み込んでいます…</translation>
    </message>
    <message>
      <source>Reading cancelled; the current data set is kept.</source>
      <translation>読み込みを取り消しました。今のデータセットはそのままです。</translation>
    </message>
    <message>
      <source>not enough memory to hold it</source>
      <translation>読み込むにはメモリが足りません</translation>
    </message>
    <message>
      <source>The file was refused: %1</source>
      <translation>ファイルを読み込めません: %1</translation>
    </message>
    <message>
      <source>The Network tab's network takes %1 inputs and has %2 outputs; this data set needs %3 inputs and at least %4 outputs.</source>
      <translation>ネットワークタブのネットワークは入力 %1 個・出力 %2 個ですが、このデータセットには入力 %3 個と出力 %4 個以上が必要です。</translation>
    </message>
    <message>
      <source>The Network tab's network cannot learn: it needs a softmax or identity output and no step activation (its gradient is zero).</source>
      <translation>ネットワークタブのネットワークは学習できません: 出力層はソフトマックスか恒等関数で、ステップ関数を使わないこと(その勾配は 0 です)が必要です。</translation>
    </message>
    <message>
      <source>Both ways give the same gradient.</source>
      <translation>どちらの方法でも同じ勾配が求まります。</translation>
    </message>
    <message>
      <source>Choose data first to see how long an iteration takes.</source>
      <translation>データを選ぶと、1 回の繰り返しにかかる時間が表示されます。</translation>
    </message>
    <message>
      <source>Measuring how long an iteration takes…</source>
      <translation>1 回の反復にかかる時間を測っています…</translation>
    </message>
    <message>
      <source>Both ways give the same gradient. The numerical gradient of ch. 4 (central differences, computed many parameters at a time) is about %1× slower than backprop for this network and batch.</source>
      <translation>どちらの方法でも同じ勾配が求まります。4 章の数値微分(中心差分、多くのパラメータをまとめて計算)は、このネットワークとバッチでは誤差逆伝播法の約 %1 倍の時間がかかります。</translation>
    </message>
    <message>
      <source>Per iteration: backprop about %1 (%2 for %3 iterations); numerical gradient (ch. 4) about %4 (%5), %6× slower.</source>
      <translation>1 回あたり: 誤差逆伝播法で約 %1(%3 回で %2)、数値微分(4 章)で約 %4(%5)、%6 倍の時間。</translation>
    </message>
    <message>
      <source>The numerical gradient is too slow to run here: use backprop or a smaller network.</source>
      <translation>ここでは数値微分は遅すぎて実行できません。誤差逆伝播法か、より小さなネットワークを使ってください。</translation>
    </message>
    <message>
      <source>Open your MNIST files first.</source>
      <extracomment>Settings whose change describes other data (the run, if idle, is cleared). Stop and Reset wait this long for the worker; a worker inside a long step (one layer of a big batch) then shows "stopping…" and ends at its next yield point (issue 14). Settings a paused run takes over. The running (or last) run: its config, network and data; its records.
----------
A gradient check estimated slower than this is refused (stop must stay prompt).</extracomment>
      <translation>先に MNIST のファイルを開いてください。</translation>
    </message>
    <message>
      <source>The numerical gradient would take about %1 s per iteration for this network. Use backprop, or fewer or smaller layers.</source>
      <translation>このネットワークでは数値微分に 1 回あたり約 %1 秒かかります。誤差逆伝播法を使うか、層を減らすか小さくしてください。</translation>
    </message>
    <message>
      <source>Diverged at iteration %1: the loss became %2. Lower the learning rate and run again.</source>
      <translation>%1 回目で発散しました: 損失が %2 になりました。学習率を下げてもう一度実行してください。</translation>
    </message>
    <message>
      <source>Finished.</source>
      <translation>完了。</translation>
    </message>
    <message>
      <source>Stopped at iteration %1.</source>
      <translation>%1 回目で停止しました。</translation>
    </message>
    <message>
      <source>Training failed: %1</source>
      <translation>学習に失敗しました: %1</translation>
    </message>
    <message>
      <source>iteration %1 of %2</source>
      <extracomment>The loss curve is redrawn at most this often: painting runs in the GUI thread, which shares the GIL with the worker (bench_3 on the real tab: 20 Hz ≈ 0.85 of the headless rate, 10 Hz ≈ 0.89; without any redraw ≈ 0.93). Accuracy curves (wide pens), decision regions, test-image predictions, progress bar and status text: at most this often.</extracomment>
      <translation>%2 回中 %1 回</translation>
    </message>
    <message>
      <source>loss %1</source>
      <translation>損失 %1</translation>
    </message>
    <message>
      <source>train %1 %, test %2 %</source>
      <translation>訓練 %1 %、テスト %2 %</translation>
    </message>
    <message>
      <source>%1 it/s</source>
      <translation>%1 回/秒</translation>
    </message>
    <message>
      <source>%p% — ETA %1</source>
      <translation>%p% — 残り %1</translation>
    </message>
    <message>
      <source>stopping…</source>
      <translation>停止中…</translation>
    </message>
    <message>
      <source>%p% — stopping…</source>
      <translation>%p% — 停止中…</translation>
    </message>
    <message>
      <source>paused</source>
      <translation>一時停止中</translation>
    </message>
    <message>
      <source>%p% — paused</source>
      <translation>%p% — 一時停止中</translation>
    </message>
    <message>
      <source>Ready. Press Run (Ctrl+R) or Step (S).</source>
      <translation>準備完了。実行(Ctrl+R)かステップ(S)を押してください。</translation>
    </message>
    <message>
      <source>Resume</source>
      <translation>再開</translation>
    </message>
    <message>
      <source>Pause</source>
      <translation>一時停止</translation>
    </message>
    <message>
      <source>Pause or resume the run (Space)</source>
      <translation>学習を一時停止・再開します(スペース)</translation>
    </message>
    <message>
      <source>The gradient check would take about %1 s; use a smaller network.</source>
      <translation>勾配確認に約 %1 秒かかります。より小さなネットワークを使ってください。</translation>
    </message>
    <message>
      <source>Gradient check: computing…</source>
      <translation>勾配確認: 計算中…</translation>
    </message>
    <message>
      <source>Gradient check on %1 samples: |numerical − backprop|</source>
      <translation>データ %1 個での勾配確認: |数値微分 − 誤差逆伝播法|</translation>
    </message>
    <message>
      <source>Gradient check failed: %1</source>
      <translation>勾配確認に失敗しました: %1</translation>
    </message>
    <message>
      <source>Learned on %1: %2 iterations</source>
      <translation>%1 で学習: %2 回</translation>
    </message>
    <message>
      <source>, test accuracy %1 %</source>
      <translation>、テストの認識精度 %1 %</translation>
    </message>
    <message>
      <source> (Batch Normalization and Dropout folded into the weights: the same test-time predictions)</source>
      <translation>（Batch Normalization と Dropout は重みに組み込み済み。テスト時の予測は同じです）</translation>
    </message>
    <message>
      <source>Loss curve</source>
      <translation>損失のグラフ</translation>
    </message>
    <message>
      <source>Accuracy curves</source>
      <translation>認識精度のグラフ</translation>
    </message>
    <message>
      <source>Decision regions</source>
      <translation>決定領域</translation>
    </message>
    <message>
      <source>Test images</source>
      <translation>テスト画像</translation>
    </message>
    <message>
      <source>Download MNIST…</source>
      <extracomment>The book's ch05/train_neuralnet.py (§5.7.4; ch04's of §4.5 is the same with sigmoid): TwoLayerNet 784-50-10 (ReLU, weights N(0, 0.01²)), batch 100, lr 0.1, 10,000 iterations, SGD, accuracy on the whole training and test sets every epoch.</extracomment>
      <translation>MNIST をダウンロード…</translation>
    </message>
    <message>
      <source>Fetch the full MNIST (about 12 MB) into your data folder, once</source>
      <translation>MNIST 全体 (約 12 MB) をデータフォルダーに一度だけ取得します</translation>
    </message>
    <message>
      <source>Book's train_neuralnet.py</source>
      <translation>本書の train_neuralnet.py</translation>
    </message>
    <message>
      <source>784-50-10 with ReLU (ch05; ch04's version uses sigmoid), batch 100, learning rate 0.1, 10,000 iterations, SGD by backpropagation; accuracy on the whole sets every epoch</source>
      <translation>784-50-10、ReLU (ch05。ch04 の版はシグモイド)、バッチ 100、学習率 0.1、10,000 回、誤差逆伝播法による SGD。エポックごとに訓練データとテストデータ全体で認識精度を求めます</translation>
    </message>
    <message>
      <source>Run the gradient check to see each weight</source>
      <extracomment>Differences at or below this are white; at or above ``RED_AT`` full red. Largest number of cells drawn along one side of a parameter (blocks beyond).</extracomment>
      <translation>勾配確認を実行すると、重みごとの差が表示されます</translation>
    </message>
    <message>
      <source>white ≤ 1e-12 · yellow 1e-9 · red ≥ 1e-6 (|numerical − backprop|)</source>
      <translation>白 ≤ 1e-12 · 黄 1e-9 · 赤 ≥ 1e-6(|数値微分 − 誤差逆伝播法|)</translation>
    </message>
  </context>
  <context>
    <name>TrialTableModel</name>
    <message>
      <source>Trial</source>
      <extracomment>How many of the best trials' curves are drawn (the book shows 20 in a grid).</extracomment>
      <translation>試行</translation>
    </message>
    <message>
      <source>Learning rate</source>
      <translation>学習率</translation>
    </message>
    <message>
      <source>Weight decay λ</source>
      <translation>Weight decay λ</translation>
    </message>
    <message>
      <source>Validation accuracy</source>
      <translation>検証データの認識精度</translation>
    </message>
    <message>
      <source>Training accuracy</source>
      <translation>訓練データの認識精度</translation>
    </message>
  </context>
</TS>
