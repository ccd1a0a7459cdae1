package dev.tandem.app.view;

import dev.tandem.app.editor.AuthorTints;
import dev.tandem.app.editor.EditorBridge;
import dev.tandem.app.editor.Formatter;
import dev.tandem.app.editor.KeyTurnLayout;
import dev.tandem.app.editor.RemoteCursors;
import dev.tandem.app.editor.RichArea;
import dev.tandem.app.editor.TandemClipboard;
import dev.tandem.app.viewmodel.RoomViewModel;
import dev.tandem.app.viewmodel.ToolbarState;
import dev.tandem.ot.Attributes;
import dev.tandem.ot.Delta;
import dev.tandem.ot.Formats;
import dev.tandem.protocol.Values.PeerInfo;
import dev.tandem.protocol.Values.Range;
import dev.tandem.sync.ChangeOrigin;
import dev.tandem.sync.ChatMessage;
import dev.tandem.sync.SyncSession;
import java.util.List;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.StyledTextArea;

/**
 * The editor window's content: toolbar, document, participants and chat, status bar. Thin: it
 * binds to a {@link RoomViewModel}, wires the {@link EditorBridge} and draws remote cursors.
 */
public final class RoomView implements RoomViewModel.EditorPort {
  private final RoomViewModel vm;
  private final AuthorTints tints = new AuthorTints();
  private final StyledTextArea<Attributes, Attributes> area = RichArea.create(tints);
  private final Formatter formatter = new Formatter(area);
  private final RemoteCursors cursors = new RemoteCursors(area);
  /** Lays out a key's edit in the key event's own turn (the next pulse only paints it). */
  private final KeyTurnLayout keyTurnLayout = KeyTurnLayout.install(area);
  private final ToolbarState toolbar = new ToolbarState();
  private final BorderPane root = new BorderPane();
  private final Runnable onHome;
  /** Ticks the view-model twice a second: reconnect countdown, typing hints, notices. */
  private final Timeline ticker = new Timeline(new KeyFrame(Duration.millis(500), e -> tick()));
  private final Authorship authorship;
  private final Node toolBar;
  private final javafx.scene.control.Menu viewMenu;
  private EditorBridge bridge;

  public RoomView(RoomViewModel vm, Runnable onHome) {
    this.vm = vm;
    this.onHome = onHome;
    this.viewMenu = ViewMenu.create(vm);
    root.getStyleClass().add("room");
    StackPane editorStack = new StackPane(new VirtualizedScrollPane<>(area), cursors.overlay(),
        connectingHint());
    editorStack.getStyleClass().add("editor-stack");
    // The editor and the cursor overlay ask for a layout on every keystroke, remote change and
    // redraw: it stops here instead of laying out the whole window again each time.
    LayoutBoundary editor = new LayoutBoundary(editorStack);
    vm.share().useClipboard(ShareMenu::copy);
    VBox center = new VBox(errorBanner(), NewLinksBanner.forNewRoom(vm.share()),
        NewLinksBanner.afterRotation(vm.share()), editor);
    VBox.setVgrow(editor, Priority.ALWAYS);
    toolBar = toolBar();
    root.setTop(toolBar);
    root.setCenter(center);
    // The side panel and the status bar change their text with others' typing ("typing…", edits
    // not yet on the server, round trip): like the editor's, their layout stays inside them.
    root.setRight(new LayoutBoundary(sidePanel()));
    root.setBottom(new LayoutBoundary(StatusBar.create(vm)));
    // Read-only until the session has a document: edits before the first welcome are refused.
    area.editableProperty().bind(vm.readOnlyProperty().not().and(vm.failedProperty().not())
        .and(vm.hasDocumentProperty()));
    area.caretPositionProperty().addListener((o, a, b) -> refreshToolbar());
    area.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcuts);
    authorship = new Authorship(area, formatter, tints, vm);
    ticker.setCycleCount(Animation.INDEFINITE);
    vm.attachEditor(this);
  }

  private void tick() {
    vm.tick();
  }

  private Node connectingHint() {
    Label hint = new Label("Connecting…");
    hint.setId("connecting-hint");
    hint.getStyleClass().add("connecting-hint");
    hint.setMouseTransparent(true);
    hint.visibleProperty().bind(vm.hasDocumentProperty().not().and(vm.failedProperty().not()));
    StackPane.setAlignment(hint, Pos.TOP_CENTER);
    return hint;
  }

  /** Connects the session and binds the bridge. */
  public void start() {
    SyncSession session = vm.connect();
    bridge = new EditorBridge(area, session);
    bridge.setLocalChangeListener(change -> {
      cursors.map(change);
      keyTurnLayout.localEdit();
    });
    bridge.setAppliedListener(() -> {
      refreshToolbar();
      keyTurnLayout.sessionChangeApplied();
    });
    // Our client id (stamped on our text, tinted in our colour) is asked for once the session has
    // a document: a journalled session reads it from its journal in the background, and until it
    // has a document nothing can be typed (the area is read-only), so nothing needs it earlier.
    vm.hasDocumentProperty().addListener((o, had, has) -> {
      if (has) {
        sessionHasDocument(session);
      }
    });
    if (vm.hasDocumentProperty().get()) {
      sessionHasDocument(session);
    }
    ticker.play();
    new TandemClipboard(area, bridge, TandemClipboard.Port.system()).install();
  }

  private void sessionHasDocument(SyncSession session) {
    bridge.setAuthor(session.clientId());
    authorship.sessionStarted();
  }

  public Node root() { return root; }
  public StyledTextArea<Attributes, Attributes> area() { return area; }
  public RemoteCursors cursors() { return cursors; }
  public EditorBridge bridge() { return bridge; }
  public RoomViewModel viewModel() { return vm; }
  public ToolbarState toolbarState() { return toolbar; }

  @Override
  public void applyChange(Delta change, ChangeOrigin origin) {
    // The bridge may apply the change to the area only at the end of this listener batch; the
    // remote cursors are moved now, so that selections arriving later in the batch (in the
    // session's coordinates, which include this change) are not moved through it again. They are
    // drawn after the next layout, when the area has the change. The toolbar is refreshed once
    // the area has it (the bridge's applied listener).
    formatter.map(change); // first: applying the change may move the caret at once
    bridge.applyChange(change, origin);
    cursors.map(change);
  }

  @Override
  public void selections(PeerInfo peer, List<Range> ranges) {
    cursors.show(peer, ranges);
  }

  @Override
  public void peerLeft(PeerInfo peer) {
    cursors.remove(peer.clientId());
  }

  private void refreshToolbar() {
    toolbar.update(formatter.inlineAtCaret(), formatter.blockAtCaret());
  }

  private void shortcuts(KeyEvent e) {
    if (!area.isEditable()) {
      return;
    }
    Runnable action = null;
    if (match(e, "Shortcut+B")) {
      action = () -> formatter.toggleInline(Formats.BOLD);
    } else if (match(e, "Shortcut+I")) {
      action = () -> formatter.toggleInline(Formats.ITALIC);
    } else if (match(e, "Shortcut+U")) {
      action = () -> formatter.toggleInline(Formats.UNDERLINE);
    } else if (match(e, "Shortcut+K")) {
      action = this::askLink;
    } else if (match(e, "Shortcut+Alt+1") || match(e, "Shortcut+Alt+DIGIT1")) {
      action = () -> formatter.setHeader(1);
    } else if (match(e, "Shortcut+Alt+2") || match(e, "Shortcut+Alt+DIGIT2")) {
      action = () -> formatter.setHeader(2);
    } else if (match(e, "Shortcut+Alt+3") || match(e, "Shortcut+Alt+DIGIT3")) {
      action = () -> formatter.setHeader(3);
    } else if (match(e, "Shortcut+Shift+Z")) {
      action = area::redo;
    }
    if (action != null) {
      action.run();
      refreshToolbar();
      e.consume();
    }
  }

  /**
   * Parsed once: parsing a combination per key press took about a quarter of a keystroke's
   * handling (measured, docs/benchmarks.md "Keystroke to render").
   */
  private static final java.util.Map<String, java.util.Optional<KeyCombination>> COMBINATIONS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static boolean match(KeyEvent e, String combination) {
    if (!e.isShortcutDown()) {
      return false; // every shortcut here needs Ctrl/Cmd: plain typing stops at this check
    }
    return COMBINATIONS.computeIfAbsent(combination, RoomView::parse).map(k -> k.match(e)).orElse(false);
  }

  private static java.util.Optional<KeyCombination> parse(String combination) {
    try {
      return java.util.Optional.of(KeyCombination.valueOf(combination));
    } catch (IllegalArgumentException notAKey) {
      return java.util.Optional.empty();
    }
  }

  private void askLink() {
    TextInputDialog dialog = new TextInputDialog(
        formatter.inlineAtCaret().get(Formats.LINK) instanceof String s ? s : "https://");
    dialog.setTitle("Link");
    dialog.setHeaderText("Link the selected text to (leave empty to remove the link):");
    dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
    dialog.showAndWait().ifPresent(formatter::setLink);
  }

  private ToolBar toolBar() {
    ToolBar bar = new ToolBar(
        toggle("B", "Bold (Ctrl+B)", "fmt-bold", toolbar.bold, () -> formatter.toggleInline(Formats.BOLD)),
        toggle("I", "Italic (Ctrl+I)", "fmt-italic", toolbar.italic, () -> formatter.toggleInline(Formats.ITALIC)),
        toggle("U", "Underline (Ctrl+U)", "fmt-underline", toolbar.underline, () -> formatter.toggleInline(Formats.UNDERLINE)),
        toggle("S", "Strikethrough", "fmt-strike", toolbar.strike, () -> formatter.toggleInline(Formats.STRIKE)),
        toggle("</>", "Inline code", "fmt-code", toolbar.code, () -> formatter.toggleInline(Formats.CODE)),
        toggle("Link", "Link (Ctrl+K)", "fmt-link", toolbar.link, this::askLink),
        new Separator(),
        toggle("H1", "Heading 1 (Ctrl+Alt+1)", "fmt-h1", headerIs(1), () -> formatter.setHeader(1)),
        toggle("H2", "Heading 2 (Ctrl+Alt+2)", "fmt-h2", headerIs(2), () -> formatter.setHeader(2)),
        toggle("H3", "Heading 3 (Ctrl+Alt+3)", "fmt-h3", headerIs(3), () -> formatter.setHeader(3)),
        toggle("•", "Bulleted list", "fmt-bullet", listIs("bullet"), () -> formatter.toggleList("bullet")),
        toggle("1.", "Numbered list", "fmt-ordered", listIs("ordered"), () -> formatter.toggleList("ordered")),
        toggle("❝", "Quote", "fmt-quote", toolbar.quote, () -> formatter.toggleBlock(Formats.BLOCKQUOTE)),
        toggle("{ }", "Code block", "fmt-code-block", toolbar.codeBlock, () -> formatter.toggleBlock(Formats.CODE_BLOCK)),
        spacer(), readOnlyBadge(), ShareMenu.create(vm, this::window),
        chatToggle(), homeButton());
    bar.getStyleClass().add("format-bar");
    return bar;
  }

  private BooleanProperty headerIs(int level) {
    BooleanProperty p = new javafx.beans.property.SimpleBooleanProperty();
    p.bind(toolbar.header.isEqualTo(level));
    return p;
  }

  private BooleanProperty listIs(String kind) {
    BooleanProperty p = new javafx.beans.property.SimpleBooleanProperty();
    p.bind(toolbar.list.isEqualTo(kind));
    return p;
  }

  private ToggleButton toggle(String text, String tip, String id, javafx.beans.value.ObservableBooleanValue state, Runnable action) {
    ToggleButton b = new ToggleButton(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setFocusTraversable(false);
    b.getStyleClass().add("fmt");
    state.addListener((o, x, on) -> b.setSelected(on));
    b.setOnAction(e -> {
      b.setSelected(state.get());
      action.run();
      refreshToolbar();
      area.requestFocus();
    });
    b.disableProperty().bind(area.editableProperty().not());
    return b;
  }

  private Node readOnlyBadge() {
    Label badge = new Label("Read-only");
    badge.setId("read-only-badge");
    badge.getStyleClass().add("badge");
    badge.visibleProperty().bind(vm.readOnlyProperty());
    badge.managedProperty().bind(badge.visibleProperty());
    return badge;
  }

  private javafx.stage.Window window() {
    return root.getScene() == null ? null : root.getScene().getWindow();
  }

  private Node chatToggle() {
    ToggleButton chat = new ToggleButton();
    chat.setId("chat-toggle");
    chat.textProperty().bind(Bindings.when(vm.unreadProperty().greaterThan(0))
        .then(Bindings.concat("Chat (", vm.unreadProperty(), ")")).otherwise("Chat"));
    chat.selectedProperty().bindBidirectional(vm.chatOpenProperty());
    return chat;
  }

  private Node homeButton() {
    Button home = new Button("Rooms");
    home.setId("home");
    home.setTooltip(new Tooltip("Back to the start screen (leaves this room)"));
    home.setOnAction(e -> onHome.run());
    return home;
  }

  private Node errorBanner() {
    Label text = new Label();
    text.setWrapText(true);
    text.textProperty().bind(vm.errorProperty());
    text.setId("error-text");
    Button close = new Button("✕");
    close.setOnAction(e -> vm.dismissError());
    close.visibleProperty().bind(vm.failedProperty().not());
    Button back = new Button("Back to start");
    back.setOnAction(e -> onHome.run());
    back.visibleProperty().bind(vm.failedProperty());
    back.managedProperty().bind(back.visibleProperty());
    back.setMinWidth(Region.USE_PREF_SIZE); // a long message wraps; the button keeps its words
    HBox banner = new HBox(10, text, spacer(), back, close);
    HBox.setHgrow(text, Priority.ALWAYS);
    banner.setAlignment(Pos.CENTER_LEFT);
    banner.getStyleClass().add("error-banner");
    banner.setId("error-banner");
    banner.visibleProperty().bind(vm.errorProperty().isNotEmpty());
    banner.managedProperty().bind(banner.visibleProperty());
    return banner;
  }

  private Region sidePanel() {
    Label chatTitle = new Label("Chat");
    chatTitle.getStyleClass().add("side-title");
    ListView<ChatMessage> messages = new ListView<>(vm.chat());
    messages.setId("chat-list");
    messages.getStyleClass().add("chat-list");
    Label quiet = new Label("No messages yet.");
    quiet.getStyleClass().add("hint");
    messages.setPlaceholder(quiet);
    messages.setCellFactory(l -> new ListCell<>() {
      @Override
      protected void updateItem(ChatMessage m, boolean empty) {
        super.updateItem(m, empty);
        if (empty || m == null) {
          setGraphic(null);
        } else {
          Label who = new Label(m.user().name());
          who.setTextFill(Color.web(m.user().color()));
          who.getStyleClass().add("chat-name");
          Label text = new Label(m.text());
          text.setWrapText(true);
          text.setMaxWidth(210);
          setGraphic(new VBox(1, who, text));
        }
      }
    });
    vm.chat().addListener((javafx.collections.ListChangeListener<ChatMessage>) c -> messages.scrollTo(vm.chat().size() - 1));
    TextField input = new TextField();
    input.setId("chat-input");
    input.setPromptText("Message the room…");
    Button send = new Button("Send");
    send.setId("chat-send");
    Runnable sendIt = () -> {
      vm.sendChat(input.getText());
      input.clear();
    };
    send.setOnAction(e -> sendIt.run());
    input.setOnKeyPressed(e -> {
      if (e.getCode() == KeyCode.ENTER) {
        sendIt.run();
      }
    });
    HBox inputRow = new HBox(6, input, send);
    HBox.setHgrow(input, Priority.ALWAYS);
    VBox chatBox = new VBox(6, chatTitle, messages, inputRow);
    VBox.setVgrow(messages, Priority.ALWAYS);
    chatBox.visibleProperty().bind(vm.chatOpenProperty());
    chatBox.managedProperty().bind(chatBox.visibleProperty());
    VBox.setVgrow(chatBox, Priority.ALWAYS);
    VBox side = new VBox(8, ParticipantsPane.create(vm, this::window), chatBox);
    side.getStyleClass().add("side-panel");
    side.setPadding(new Insets(10));
    side.setPrefWidth(250);
    return side;
  }

  private static Region spacer() {
    return ViewNodes.spacer();
  }

  /** The View menu, for the window's menu bar. */
  public javafx.scene.control.Menu viewMenu() {
    return viewMenu;
  }

  /** Puts a bar (the File menu) above the formatting toolbar. */
  public void addAboveToolbar(Node bar) {
    root.setTop(new VBox(bar, toolBar));
  }

  /** Leaves the room. */
  public void close() {
    ticker.stop();
    if (bridge != null) {
      bridge.close();
    }
    vm.close();
  }

}
