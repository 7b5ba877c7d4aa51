"""Qt-free models of the tabs: settings declared once (``settings``) and the model base
(``base.TabModel``). Nothing in this package imports Qt (``tests/gui/test_models_pure.py``);
models are tested without a QApplication."""
