#include "objects/objectspage.h"

#include "common/corestrings.h"
#include "objects/inventorymodel.h"
#include "objects/inventoryscanthread.h"
#include "objects/watchwindow.h"

#include "base/format.h"
#include "base/naming.h"
#include "inventory/removal.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace ipcscope {

namespace {

// Kind, owner and free-text filters over the inventory model.
class ObjectFilter : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    int kind = -1; // -1 = all
    QString owner; // "" = all
    bool showPipes = false;
    void setShowPipes(bool on) {
        showPipes = on;
        invalidateFilter();
    }
    void setKind(int k) {
        kind = k;
        invalidateFilter();
    }
    void setOwner(const QString& o) {
        owner = o;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        const QModelIndex first = sourceModel()->index(row, 0, parent);
        if (kind >= 0 && sourceModel()->data(first, InventoryModel::KindRole).toInt() != kind) {
            return false;
        }
        if (!owner.isEmpty() &&
            sourceModel()
                    ->data(sourceModel()->index(row, InventoryModel::OwnerColumn, parent))
                    .toString() != owner) {
            return false;
        }
        const QRegularExpression re = filterRegularExpression();
        // Anonymous pipes (dozens, between system daemons) only when asked for: by the switch,
        // by choosing the Pipe kind, or by searching for text.
        if (kind < 0 && !showPipes && re.pattern().isEmpty() &&
            sourceModel()->data(first, InventoryModel::KindRole).toInt() == int(IpcKind::Pipe)) {
            return false;
        }
        if (re.pattern().isEmpty()) {
            return true;
        }
        for (int c = 0; c < InventoryModel::ColumnCount; ++c) {
            if (sourceModel()->data(sourceModel()->index(row, c, parent)).toString().contains(re)) {
                return true;
            }
        }
        return false;
    }
};

QString escape(const std::string& s) {
    return QString::fromStdString(s).toHtmlEscaped().replace(QLatin1Char('\n'),
                                                             QStringLiteral("\\n"));
}

QString when(const std::optional<std::int64_t>& t) {
    return t ? QDateTime::fromSecsSinceEpoch(*t).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
             : ObjectsPage::tr("never");
}

} // namespace

ObjectsPage::ObjectsPage(InventoryOptions options, QWidget* parent)
    : QWidget(parent)
    , m_options(options)
    , m_model(new InventoryModel(this))
    , m_proxy(new ObjectFilter(this))
    , m_view(new QTableView)
    , m_details(new QTextBrowser)
    , m_kind(new QComboBox)
    , m_owner(new QComboBox)
    , m_filter(new QLineEdit)
    , m_pause(new QCheckBox)
    , m_showPipes(new QCheckBox)
    , m_empty(new QLabel)
    , m_interval(new QDoubleSpinBox)
    , m_status(new QLabel)
    , m_intervalLabel(new QLabel)
    , m_timer(new QTimer(this)) {
    // Full details (users, semaphore values): the page shows everything about an object.
    options.users = true;
    options.semaphoreValues = true;
    options.details = true;
    m_scanner = new InventoryScanThread(options, this);
    connect(m_scanner, &InventoryScanThread::waitersScanned, m_model, &InventoryModel::setWaiters);
    connect(m_scanner, &InventoryScanThread::scanned, this, &ObjectsPage::onScanned);

    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(InventoryModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(InventoryModel::KindColumn, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    // Columns follow the window: the last ("Used by") takes what is left, the others start at
    // their contents' width (bounded), and a cut text ends in "…" with the whole in its tooltip.
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setMinimumSectionSize(40);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionResized, this, [this](int section) {
        if (!m_fitting && section < InventoryModel::ColumnCount - 1 &&
            m_view->horizontalHeader()->underMouse()) {
            m_userWidths = true; // dragged by hand: kept from now on
        }
    });
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    // Widths that fit typical content; the user's own widths are remembered by the header state.
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setParent(m_view->viewport());
    m_empty->hide();
    m_view->viewport()->installEventFilter(this);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved}) {
        connect(m_proxy, signal, this, &ObjectsPage::updateStatus);
    }
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, &ObjectsPage::updateStatus);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &ObjectsPage::updateStatus);

    m_refresh = new QAction(QIcon::fromTheme(QStringLiteral("view-refresh")), QString(), this);
    m_refresh->setShortcut(QKeySequence::Refresh);
    m_refresh->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(m_refresh, &QAction::triggered, this, &ObjectsPage::refreshNow);
    m_delete = new QAction(QIcon::fromTheme(QStringLiteral("edit-delete")), QString(), this);
    m_delete->setShortcut(QKeySequence::Delete);
    m_delete->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_delete->setEnabled(false);
    connect(m_delete, &QAction::triggered, this, [this] { deleteSelected(true); });
    m_cleanup = new QAction(QIcon::fromTheme(QStringLiteral("edit-clear")), QString(), this);
    connect(m_cleanup, &QAction::triggered, this, [this] { cleanupStale(true); });
    m_watch = new QAction(QIcon::fromTheme(QStringLiteral("view-statistics")), QString(), this);
    m_watch->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_W));
    m_watch->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_watch->setEnabled(false);
    connect(m_watch, &QAction::triggered, this, [this] { watchSelected(); });
    m_observe = new QAction(QIcon::fromTheme(QStringLiteral("system-search")), QString(), this);
    m_observe->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_observe->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_observe->setEnabled(false);
    connect(m_observe, &QAction::triggered, this, [this] {
        const QModelIndexList rows = m_view->selectionModel()->selectedRows();
        if (rows.size() != 1) {
            return;
        }
        if (const IpcObject* o = m_model->object(m_proxy->mapToSource(rows.first()).row())) {
            Q_EMIT observeRequested(objectRefOf(*o));
        }
    });
    m_view->addAction(m_observe);
    addAction(m_watch);
    m_view->addAction(m_watch);
    addAction(m_refresh);
    addAction(m_delete);
    m_view->addAction(m_delete);
    m_view->addAction(m_refresh);

    m_kind->addItem(QString(), -1); // texts: retranslateUi()
    for (IpcKind k : kAllIpcKinds) {
        m_kind->addItem(QString(), int(k));
    }
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        static_cast<ObjectFilter*>(m_proxy)->setKind(m_kind->currentData().toInt());
        updateStatus();
    });
    m_owner->addItem(QString(), QString());
    m_owner->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    connect(m_owner, &QComboBox::currentIndexChanged, this,
            [this] { setOwnerFilter(m_owner->currentData().toString()); });
    m_filter->setClearButtonEnabled(true);
    auto* find = new QAction(this);
    find->setShortcut(QKeySequence::Find);
    find->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(find);
    connect(m_filter, &QLineEdit::textChanged, this, &ObjectsPage::setTextFilter);
    m_interval->setRange(0.2, 60);
    m_interval->setDecimals(1);
    m_interval->setValue(1.0);
    connect(m_interval, &QDoubleSpinBox::valueChanged, this, &ObjectsPage::setRefreshIntervalS);
    connect(m_pause, &QCheckBox::toggled, this, &ObjectsPage::setPaused);
    connect(m_showPipes, &QCheckBox::toggled, this, &ObjectsPage::setShowAnonymousPipes);

    // Two rows, so the filter keeps a usable width on a 1024-pixel screen: what to show above,
    // what to do below.
    m_filter->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 28);
    auto* bar = new QHBoxLayout;
    bar->addWidget(m_kind);
    bar->addWidget(m_owner);
    bar->addWidget(m_filter, 1);
    bar->addWidget(m_showPipes);
    auto* actions = new QHBoxLayout;
    for (QAction* a : {m_refresh, m_watch, m_delete, m_cleanup}) {
        auto* b = new QToolButton;
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        actions->addWidget(b);
    }
    actions->addStretch(1);
    actions->addWidget(m_intervalLabel);
    actions->addWidget(m_interval);
    actions->addWidget(m_pause);

    m_details->setOpenLinks(false);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_view);
    split->addWidget(m_details);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 1);
    split->setSizes({1100, 400});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(actions);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        m_delete->setEnabled(m_view->selectionModel()->hasSelection());
        m_watch->setEnabled(m_view->selectionModel()->selectedRows().size() == 1);
        m_observe->setEnabled(m_view->selectionModel()->selectedRows().size() == 1);
        showDetails();
    });
    connect(m_timer, &QTimer::timeout, this, &ObjectsPage::refreshNow);
    m_timer->setInterval(1000); // restoreState() may set the saved one
    retranslateUi();
    // The first scan once the event loop runs, and only if still active: a window that shows
    // another page first (setActive(false)) scans nothing until this page is shown.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (!m_active) {
                return;
            }
            if (!m_pause->isChecked()) {
                m_timer->start();
            }
            refreshNow(); // paused too: a paused page shows what was there when it opened
        },
        Qt::QueuedConnection);
}

ObjectsPage::~ObjectsPage() = default;

void ObjectsPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::LanguageChange) {
        retranslateUi();
    }
    QWidget::changeEvent(event);
}

void ObjectsPage::retranslateUi() {
    m_pause->setText(tr("&Pause"));
    m_pause->setToolTip(tr("Stop refreshing (the list stays as it is)"));
    m_refresh->setText(tr("&Refresh"));
    m_refresh->setToolTip(tr("List the objects again now (F5 on this page)"));
    m_delete->setText(tr("&Delete…"));
    m_delete->setToolTip(
        tr("Remove the selected objects from the kernel, after checking they are still the "
           "objects listed (Delete)"));
    m_cleanup->setText(tr("Clean up &stale ipcscope objects…"));
    m_cleanup->setToolTip(tr("Remove what ipcscope runs left behind when their lab was killed"));
    m_watch->setText(tr("&Watch"));
    m_watch->setToolTip(
        tr("Open a live chart of the selected object: queued messages, attach count, semaphore "
           "values and waiters (Ctrl+W)"));
    m_observe->setText(tr("&Observe who uses it"));
    m_observe->setToolTip(
        tr("Observe every process holding, mapping or waiting on the selected object: who waits "
           "in which call, for how long, and any deadlock (Ctrl+Shift+O)"));
    for (int i = 0; i < m_kind->count(); ++i) {
        const int kind = m_kind->itemData(i).toInt();
        m_kind->setItemText(i, kind < 0 ? tr("All kinds") : ipcKindText(IpcKind(kind)));
    }
    m_kind->setToolTip(tr("Show one kind of object"));
    m_owner->setItemText(0, tr("All owners"));
    m_owner->setToolTip(tr("Show the objects of one user"));
    m_filter->setPlaceholderText(tr("Filter: owner, name, key, process…"));
    m_filter->setToolTip(tr("Show only objects whose row contains this text (Ctrl+F)"));
    m_interval->setSuffix(tr(" s"));
    m_interval->setToolTip(tr("How often the list is refreshed"));
    m_intervalLabel->setText(tr("Refresh every"));
    m_details->setPlaceholderText(
        tr("Select an object to see every detail and the processes using it."));
    m_showPipes->setToolTip(
        tr("Anonymous pipes are mostly plumbing between system processes (dozens of them) and "
           "cannot be removed: they are hidden unless this is on, the Pipe kind is chosen or the "
           "filter has text"));
    updateStatus();
    showDetails();
}

void ObjectsPage::updateStatus() {
    m_showPipes->setText(tr("Show anonymous pipes (%1)").arg(m_pipeCount));
    if (m_objectCount < 0) {
        return;
    }
    const int shown = m_proxy->rowCount();
    const int listed = m_model->rowCount(); // vanished rows included, as the view shows them
    QString status = shown == listed ? tr("%n object(s)", nullptr, listed)
                                     : tr("%1 of %n object(s)", nullptr, listed).arg(shown);
    if (!m_outcome.isEmpty() && m_outcomeClock.isValid() && m_outcomeClock.elapsed() < 15000) {
        status += QStringLiteral(" · ") + m_outcome; // the last deletion's outcome, a while
    }
    for (const auto& w : m_warnings) {
        status += QStringLiteral(" · ") + w;
    }
    const bool changed = status != m_status->text();
    m_status->setText(status);
    m_empty->setText(
        tr("No object matches the filter. %n object(s) are hidden by it.", nullptr, listed));
    m_empty->setVisible(shown == 0 && listed > 0);
    m_empty->setGeometry(m_view->viewport()->rect().adjusted(20, 20, -20, -20));
    if (changed) {
        Q_EMIT statusChanged(status);
    }
}

void ObjectsPage::setStatusLineShown(bool shown) {
    m_status->setVisible(shown);
}

QString ObjectsPage::statusText() const {
    return m_status->text();
}

bool ObjectsPage::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_view->viewport() && event->type() == QEvent::Resize) {
        m_empty->setGeometry(m_view->viewport()->rect().adjusted(20, 20, -20, -20));
        fitColumns();
    }
    return QWidget::eventFilter(watched, event);
}

void ObjectsPage::setShowAnonymousPipes(bool show) {
    static_cast<ObjectFilter*>(m_proxy)->setShowPipes(show);
    if (m_showPipes->isChecked() != show) {
        m_showPipes->setChecked(show);
    }
    updateStatus();
}

void ObjectsPage::fitColumns() {
    // Every column but the last at its contents' width, scaled down together when they would
    // leave "Used by" less than a fifth of the view; the user's own widths (dragged, or restored
    // from the header state) are left alone.
    if (m_userWidths || m_contentWidths.empty()) {
        return;
    }
    // Short columns (key, owner, perms, size, time) keep their contents' width; the long ones
    // (kind, id, usage) share what is left of four fifths of the view, in proportion.
    const auto flexible = [](int c) {
        return c == InventoryModel::KindColumn || c == InventoryModel::IdColumn ||
               c == InventoryModel::UsageColumn;
    };
    const int x = fontMetrics().horizontalAdvance(QLatin1Char('x'));
    std::vector<int> widths = m_contentWidths;
    int fixed = 0, wanted = 0;
    for (int c = 0; c < int(widths.size()); ++c) {
        int& w = widths[std::size_t(c)];
        if (!flexible(c) && c != InventoryModel::ChangedColumn) {
            w = std::min(w, 9 * x); // "1.06 MiB"; a longer key or owner is elided
        }
        (flexible(c) ? wanted : fixed) += w;
    }
    const int room = m_view->viewport()->width() * 4 / 5;
    // The long columns are shrunk first (not below 60 px), then all of them together.
    const double flexScale =
        wanted > room - fixed && wanted > 0 ? std::max(0.0, double(room - fixed) / wanted) : 1.0;
    int total = 0;
    for (int c = 0; c < int(widths.size()); ++c) {
        int& w = widths[std::size_t(c)];
        if (flexible(c)) {
            w = std::max(60, int(w * flexScale));
        }
        total += w;
    }
    const double allScale = total > room && total > 0 ? double(room) / total : 1.0;
    m_fitting = true;
    for (int c = 0; c < int(widths.size()); ++c) {
        m_view->setColumnWidth(c, std::max(36, int(widths[std::size_t(c)] * allScale)));
    }
    m_fitting = false;
}

void ObjectsPage::refreshNow() {
    m_scanner->scan();
}

void ObjectsPage::setRefreshIntervalS(double seconds) {
    // The saved setting may hold anything: int() of 1e300 ms is undefined behaviour.
    seconds = std::isfinite(seconds)
                  ? std::clamp(seconds, m_interval->minimum(), m_interval->maximum())
                  : 1.0;
    m_timer->setInterval(int(seconds * 1000));
    if (m_interval->value() != seconds) {
        m_interval->setValue(seconds);
    }
}

void ObjectsPage::setActive(bool active) {
    m_active = active;
    if (active && !m_pause->isChecked()) {
        m_timer->start();
        refreshNow();
    } else {
        m_timer->stop();
    }
}

void ObjectsPage::setPaused(bool paused) {
    paused || !m_active ? m_timer->stop() : m_timer->start();
    if (m_pause->isChecked() != paused) {
        m_pause->setChecked(paused);
    }
}

void ObjectsPage::setTextFilter(const QString& text) {
    m_proxy->setFilterRegularExpression(QRegularExpression(
        QRegularExpression::escape(text), QRegularExpression::CaseInsensitiveOption));
    updateStatus();
}

void ObjectsPage::setOwnerFilter(const QString& owner) {
    static_cast<ObjectFilter*>(m_proxy)->setOwner(owner);
    updateStatus();
}

void ObjectsPage::saveState() const {
    QSettings s;
    // Only widths the user chose are kept: fitted ones are fitted again to the next window.
    // (A new key: the old one held fixed widths made for 1600 pixels.)
    s.remove(QStringLiteral("objects/header"));
    if (m_userWidths) {
        s.setValue(QStringLiteral("objects/columns"), m_view->horizontalHeader()->saveState());
    } else {
        s.remove(QStringLiteral("objects/columns"));
    }
    s.setValue(QStringLiteral("objects/interval"), m_interval->value());
}

void ObjectsPage::restoreState() {
    QSettings s;
    m_userWidths = m_view->horizontalHeader()->restoreState(
        s.value(QStringLiteral("objects/columns")).toByteArray());
    setRefreshIntervalS(s.value(QStringLiteral("objects/interval"), 1.0).toDouble());
}

void ObjectsPage::onScanned(const Inventory& inventory) {
    m_model->merge(inventory);
    // Owners seen so far, for the owner filter (kept sorted, never removed while selected).
    for (const auto& o : inventory.objects) {
        const QString owner = QString::fromStdString(o.owner);
        if (!owner.isEmpty() && m_owner->findData(owner) < 0) {
            int at = 1;
            while (at < m_owner->count() && m_owner->itemText(at) < owner) {
                ++at;
            }
            m_owner->insertItem(at, owner, owner);
        }
    }
    m_objectCount = int(inventory.objects.size());
    m_pipeCount = int(std::count_if(inventory.objects.begin(), inventory.objects.end(),
                                    [](const IpcObject& o) { return o.kind == IpcKind::Pipe; }));
    if (m_contentWidths.empty() && !m_userWidths && m_model->rowCount() > 0) {
        for (int c = 0; c < InventoryModel::ColumnCount - 1; ++c) {
            // A margin: later rows may be a little wider ("1.06 MiB" after "32 B").
            m_contentWidths.push_back(
                fontMetrics().horizontalAdvance(QStringLiteral("000")) +
                std::max(static_cast<QAbstractItemView*>(m_view)->sizeHintForColumn(c),
                         m_view->horizontalHeader()->sectionSizeHint(c)));
        }
        fitColumns();
    }
    m_warnings.clear();
    for (const auto& w : inventory.warnings) {
        m_warnings << QString::fromStdString(w);
    }
    updateStatus();
    showDetails();
    Q_EMIT refreshed(int(inventory.objects.size()));
    Q_EMIT inventoryChanged(inventory);
}

void ObjectsPage::showDetails() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        m_details->setHtml(rows.isEmpty() ? QString()
                                          : tr("%n objects selected", nullptr, int(rows.size())));
        return;
    }
    const IpcObject* o = m_model->object(m_proxy->mapToSource(rows.first()).row());
    if (!o) {
        return;
    }
    QString html = QStringLiteral("<h3>%1 %2</h3><table>")
                       .arg(ipcKindText(o->kind).toHtmlEscaped(), escape(o->displayId()));
    const auto row = [&](const QString& label, const QString& value) {
        if (!value.isEmpty()) {
            html += QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>")
                        .arg(label.toHtmlEscaped(), value);
        }
    };
    const auto num = [](const auto& v) { return v ? QString::number(*v) : QString(); };
    if (o->key) {
        row(tr("Key"), QString::fromStdString(formatSysvKey(*o->key)));
    }
    {
        // Only what is known: a pipe has a holder, not an owner with a uid and group.
        QString owner = escape(o->owner);
        if (o->uid && QString::number(*o->uid) != owner) {
            owner +=
                (owner.isEmpty() ? QString() : QStringLiteral(" ")) + tr("(uid %1)").arg(*o->uid);
        }
        if (!o->group.empty()) {
            owner += (owner.isEmpty() ? QString() : QStringLiteral(", ")) +
                     tr("group %1").arg(escape(o->group));
        }
        row(tr("Owner"), owner);
    }
    if (!o->creator.empty()) {
        row(tr("Creator"), tr("%1 (uid %2)").arg(escape(o->creator), num(o->cuid)));
    }
    if (hasModeAndSize(o->kind)) {
        row(tr("Permissions"), QStringLiteral("%1").arg(o->mode & 0777, 3, 8, QLatin1Char('0')));
        row(tr("Size"), QString::fromStdString(formatBytes(double(o->sizeBytes))));
    }
    row(tr("Usage"), InventoryModel::usageText(*o).toHtmlEscaped());
    if (isUnixSocket(o->kind)) {
        row(tr("Inode"), num(o->inode));
        row(tr("State"), socketStateText(o->socketState).toHtmlEscaped());
        row(tr("Other end"), InventoryModel::socketPeerText(*o).toHtmlEscaped());
        QStringList pending;
        for (std::uint64_t inode : o->pendingConnections) {
            pending << QStringLiteral("socket:[%1]").arg(inode);
        }
        row(tr("Waiting to be accepted"), pending.join(QStringLiteral(", ")));
        row(tr("Backlog limit"), num(o->backlogLimit));
        if (o->receiveQueue) {
            row(tr("Receive queue"), InventoryModel::socketQueueText(*o).toHtmlEscaped());
        }
        if (o->sendQueue) {
            row(tr("Send buffer in use"),
                tr("%1 (memory held by sent data not read yet)")
                    .arg(QString::fromStdString(formatBytes(double(*o->sendQueue)))));
        }
    }
    row(tr("Queue limit"), o->queueLimitBytes
                               ? QString::fromStdString(formatBytes(double(*o->queueLimitBytes)))
                               : QString());
    row(tr("Creator pid"), num(o->creatorPid));
    row(tr("Last pid"), num(o->lastPid));
    row(tr("Last receiver pid"), num(o->lastReceiverPid));
    if (o->id) {
        row(tr("Changed"), when(o->changeTime));
        if (o->kind == IpcKind::SysvMsg) {
            row(tr("Last send"), when(o->lastSend));
            row(tr("Last receive"), when(o->lastReceive));
        } else if (o->kind == IpcKind::SysvShm) {
            row(tr("Last attach"), when(o->lastAttach));
            row(tr("Last detach"), when(o->lastDetach));
            if (o->destroyPending) {
                row(tr("Destroy pending"), tr("yes: removed when the last process detaches"));
            }
        } else {
            row(tr("Last operation"), when(o->lastOperation));
        }
    }
    if (o->ours) {
        row(tr("Created by"), tr("an ipcscope run"));
    }
    html += QStringLiteral("</table>");
    if (!o->semaphoreValues.empty()) {
        html += tr("<h4>Semaphores</h4><table><tr><th>#</th><th>value</th><th>waiting "
                   "+</th><th>waiting 0</th>"
                   "<th>last pid</th></tr>");
        for (std::size_t i = 0; i < o->semaphoreValues.size(); ++i) {
            const auto& v = o->semaphoreValues[i];
            html +=
                QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td><td>%5</td></tr>")
                    .arg(i)
                    .arg(v.value)
                    .arg(v.waitingForIncrease)
                    .arg(v.waitingForZero)
                    .arg(v.lastPid);
        }
        html += QStringLiteral("</table>");
    }
    html += tr("<h4>Used by</h4>");
    const std::vector<ObjectWaiter>* waiters = m_model->waitersOf(*o);
    if (waiters) {
        html += QStringLiteral("<table>");
        for (const ObjectWaiter& w : *waiters) {
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td><b>%3</b></td></tr>")
                        .arg(w.pid)
                        .arg(escape(w.command), InventoryModel::waiterText(w).toHtmlEscaped());
        }
        html += QStringLiteral("</table>");
    }
    if (o->users.empty() && waiters) {
        // Waiting is using it: the "no process" sentence would contradict the table above.
    } else if (o->users.empty()) {
        html += tr("<p>No process has it attached, mapped or open.</p>");
    } else {
        html += QStringLiteral("<table>");
        for (const auto& u : o->users) {
            html += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td></tr>")
                        .arg(u.pid)
                        .arg(escape(u.command))
                        .arg(escape(u.how) +
                             (u.fd >= 0 ? QStringLiteral(" (fd %1)").arg(u.fd) : QString()));
        }
        html += QStringLiteral("</table>");
    }
    m_details->setHtml(html);
}

ObjectRef ObjectsPage::objectRefOf(const IpcObject& o) {
    ObjectRef ref;
    ref.kind = o.kind;
    ref.id = o.id;
    ref.key = o.key;
    ref.inode = o.inode;
    ref.name = o.name;
    if (o.kind == IpcKind::Pipe || isUnixSocket(o.kind)) {
        ref.name.clear(); // "pipe:[88123]" is the inode, said again
        if (!ref.inode) {
            // The inventory names a pipe "pipe:[inode]".
            const auto open = o.name.find('['), close = o.name.find(']');
            std::uint64_t inode = 0;
            if (open != std::string::npos && close != std::string::npos && close > open + 1 &&
                std::from_chars(o.name.data() + open + 1, o.name.data() + close, inode).ec ==
                    std::errc{}) {
                ref.inode = inode;
            }
        }
    }
    return ref;
}

QWidget* ObjectsPage::watchSelected() {
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    if (rows.size() != 1) {
        return nullptr;
    }
    const IpcObject* o = m_model->object(m_proxy->mapToSource(rows.first()).row());
    if (!o) {
        return nullptr;
    }
    auto* window = new WatchWindow(*o, m_options, this);
    window->show();
    return window;
}

void ObjectsPage::report(const QString& title, const QString& text, bool error) {
    m_lastMessage = text;
    if (m_interactive) {
        error ? QMessageBox::warning(this, title, text)
              : QMessageBox::information(this, title, text);
    }
}

QString ObjectsPage::deleteConfirmationText(const std::vector<IpcObject>& targets) const {
    QStringList lines;
    bool attachedSegment = false;
    for (const auto& o : targets) {
        lines << QStringLiteral("• %1 %2").arg(ipcKindText(o.kind),
                                               QString::fromStdString(o.displayId()));
        // Its users, from the inventory: holders (attached, mapped, open) and waiters.
        QStringList users;
        std::vector<pid_t> seen;
        for (const auto& u : o.users) {
            if (std::find(seen.begin(), seen.end(), u.pid) == seen.end()) {
                seen.push_back(u.pid);
                users << tr("pid %1 (%2, %3)")
                             .arg(u.pid)
                             .arg(QString::fromStdString(u.command), QString::fromStdString(u.how));
            }
        }
        if (const std::vector<ObjectWaiter>* waiters = m_model->waitersOf(o)) {
            for (const ObjectWaiter& w : *waiters) {
                users << tr("pid %1 (%2, %3)")
                             .arg(w.pid)
                             .arg(QString::fromStdString(w.command), InventoryModel::waiterText(w));
            }
        }
        if (o.kind == IpcKind::SysvShm && o.attached.value_or(0) > 0) {
            attachedSegment = true;
            if (users.isEmpty()) {
                users << tr("%n attached process(es) (not visible to you)", nullptr,
                            int(*o.attached));
            }
        }
        if (!users.isEmpty()) {
            lines << QStringLiteral("    ") +
                         tr("in use by %1").arg(users.join(QStringLiteral(", ")));
        }
    }
    QString text =
        tr("Remove these objects from the kernel?\n\n%1").arg(lines.join(QLatin1Char('\n')));
    const bool inUse = std::any_of(targets.begin(), targets.end(), [this](const IpcObject& o) {
        return !o.users.empty() || m_model->waitersOf(o) || o.attached.value_or(0) > 0;
    });
    if (inUse) {
        text += QStringLiteral("\n\n") +
                tr("Processes using them may fail: a queue or semaphore set goes at once, and a "
                   "process waiting on it gets an error (EIDRM).");
    }
    if (attachedSegment) {
        text +=
            QStringLiteral("\n\n") +
            tr("IPC_RMID on an attached shared memory segment only marks it for destruction: "
               "its key becomes IPC_PRIVATE, and it disappears when the last process detaches.");
    }
    return text;
}

std::vector<IpcObject> ObjectsPage::selectedObjects() const {
    std::vector<IpcObject> out;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const int row = m_proxy->mapToSource(index).row();
        if (const IpcObject* o = m_model->object(row); o && !m_model->isVanished(row)) {
            out.push_back(*o);
        }
    }
    return out;
}

QString ObjectsPage::outcomeOf(const IpcObject& o, const RemovalResult& removal) const {
    if (o.kind != IpcKind::SysvShm) {
        return QString::fromStdString(removal.message);
    }
    // Read back from the kernel: a segment still attached stays, marked for destruction.
    InventoryOptions options = m_options;
    options.kinds = {IpcKind::SysvShm};
    options.users = true;
    const Inventory now = InventoryScanner(options).scan();
    const auto it = std::find_if(now.objects.begin(), now.objects.end(), [&](const IpcObject& n) {
        return n.id == o.id && n.creatorPid == o.creatorPid;
    });
    const QString what = tr("shared memory %1").arg(o.id.value_or(-1));
    if (it == now.objects.end()) {
        return tr("%1 removed").arg(what);
    }
    QStringList pids;
    for (const auto& u : it->users) {
        const QString p = tr("pid %1 (%2)").arg(u.pid).arg(QString::fromStdString(u.command));
        if (!pids.contains(p)) {
            pids << p;
        }
    }
    if (pids.isEmpty()) {
        pids << tr("%n process(es)", nullptr, int(it->attached.value_or(0)));
    }
    return tr("%1 marked for destruction; still attached by %2")
        .arg(what, pids.join(QStringLiteral(", ")));
}

QStringList ObjectsPage::deleteSelected(bool confirm) {
    std::vector<IpcObject> targets;
    QStringList errors, done;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        const int row = m_proxy->mapToSource(index).row();
        const IpcObject* o = m_model->object(row);
        if (!o || m_model->isVanished(row)) {
            continue;
        }
        if (isUnixSocket(o->kind)) {
            errors << tr("%1 %2: a Unix socket cannot be removed from outside; it closes when the "
                         "last process holding it closes it. A socket bound to a path has a file "
                         "that could be unlinked, but that does not close the socket: its holders "
                         "keep it and its connections, and only new clients can no longer find "
                         "it by that path.")
                          .arg(ipcKindText(o->kind), QString::fromStdString(o->displayId()));
        } else {
            targets.push_back(*o);
        }
    }
    if (targets.empty()) {
        if (!errors.isEmpty()) {
            report(tr("Could not delete everything"), errors.join(QLatin1Char('\n')), true);
        }
        return errors;
    }
    m_lastConfirmation = deleteConfirmationText(targets);
    if (confirm && m_interactive) {
        const auto answer =
            QMessageBox::question(this, tr("Delete IPC objects"), m_lastConfirmation,
                                  QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            return {};
        }
    }
    for (const auto& o : targets) {
        const auto r = removeIpcObject(o.kind, o.id ? std::to_string(*o.id) : o.name,
                                       ObjectIdentity::of(o), m_options);
        if (r) {
            done << outcomeOf(o, *r);
        } else {
            errors << QString::fromStdString(r.error().message);
        }
    }
    if (!errors.isEmpty()) {
        report(tr("Could not delete everything"), errors.join(QLatin1Char('\n')), true);
    }
    if (!done.isEmpty()) {
        m_lastMessage = errors.isEmpty() ? done.join(QStringLiteral(" · ")) : m_lastMessage;
        m_outcome = done.join(QStringLiteral(" · "));
        m_outcomeClock.start();
        updateStatus();
    }
    refreshNow();
    return errors;
}

QStringList ObjectsPage::cleanupStale(bool confirm) {
    InventoryScanner scanner(m_options);
    const StaleReport stale = findStale(runtimeBaseDir(), scanner.scan(), m_options.procRoot);
    if (stale.runs.empty() && stale.orphans.empty()) {
        QStringList ignored;
        for (const auto& p : stale.problems) {
            ignored << QString::fromStdString(p);
        }
        if (ignored.isEmpty()) {
            report(tr("Nothing stale"), tr("No ipcscope run has left objects behind."), false);
        } else {
            report(tr("Nothing stale"), ignored.join(QLatin1Char('\n')), true);
        }
        return ignored;
    }
    if (confirm && m_interactive) {
        std::size_t count = stale.orphans.size();
        for (const auto& run : stale.runs) {
            count += run.manifest.objects.size();
        }
        if (QMessageBox::question(
                this, tr("Clean up stale objects"),
                tr("%n object(s) were left by ipcscope runs whose lab is gone. Remove them?",
                   nullptr, int(count)),
                QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes) {
            return {};
        }
    }
    const StaleCleanup done = removeStale(stale);
    QStringList lines;
    for (const auto& list : {stale.problems, done.lines, done.errors}) {
        for (const auto& line : list) {
            lines << QString::fromStdString(line);
        }
    }
    report(tr("Stale objects"), lines.join(QLatin1Char('\n')),
           !done.errors.empty() || done.notRemoved > 0 || !stale.problems.empty());
    refreshNow();
    return lines;
}

} // namespace ipcscope
