//! The string table: one line per key, Chinese then English.

use super::Lang;

macro_rules! keys {
    ($($key:ident => $zh:literal, $en:literal;)*) => {
        /// A user-visible string.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[allow(missing_docs)]
        pub enum Key { $($key,)* }

        impl Key {
            /// Every key, for tests that walk the table.
            pub const ALL: &'static [Key] = &[$(Key::$key,)*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Key::$key, Lang::Zh) => $zh, (Key::$key, Lang::En) => $en,)*
                }
            }
        }
    };
}

keys! {
    AppName => "客户关系管理", "Customer relations";
    NavMain => "主导航", "Main navigation";
    NavCustomers => "客户档案", "Customers";
    NavTrash => "回收站", "Trash";
    NavWorkbook => "工作簿", "Workbook";
    SkipToContent => "跳到正文", "Skip to content";
    Language => "语言", "Language";
    SwitchLanguage => "English", "中文";
    SwitchLanguageLabel => "切换到英文", "Switch to Chinese";
    Theme => "主题", "Theme";
    ThemeAuto => "跟随系统", "System";
    ThemeLight => "浅色", "Light";
    ThemeDark => "深色", "Dark";
    Loading => "正在打开数据库…", "Opening the database…";
    Close => "关闭", "Close";
    Cancel => "取消", "Cancel";
    Save => "保存", "Save";
    Saving => "正在保存…", "Saving…";
    Edit => "编辑", "Edit";
    Delete => "删除", "Delete";
    Restore => "恢复", "Restore";
    Back => "返回", "Back";
    Confirm => "确定", "Confirm";
    Notifications => "通知", "Notifications";
    SomethingWentWrong => "出错了", "Something went wrong";
    Reload => "刷新页面", "Reload";
    PageNotFound => "找不到这个页面", "Page not found";
    GoToCustomers => "前往客户档案", "Go to customers";

    // Customers
    NewCustomer => "新建客户", "New customer";
    EditCustomer => "编辑客户", "Edit customer";
    CustomerList => "客户列表", "Customer list";
    Search => "搜索", "Search";
    SearchPlaceholder => "姓名、电话、公司或标签", "Name, phone, company or tag";
    FilterStage => "阶段", "Stage";
    FilterSource => "来源", "Source";
    FilterTag => "标签", "Tag";
    All => "全部", "All";
    Shown => "显示", "Showing";
    Of => "/", "of";
    Selected => "已选", "Selected";
    SelectAll => "全选", "Select all";
    SelectRow => "选择", "Select";
    ChangeStageTo => "改为阶段", "Change stage to";
    AddTag => "添加标签", "Add tag";
    RemoveTag => "移除标签", "Remove tag";
    TagName => "标签名", "Tag name";
    Apply => "应用", "Apply";
    MoveToTrash => "移到回收站", "Move to trash";
    ClearSelection => "取消选择", "Clear selection";
    NoCustomers => "还没有客户。新建一个，或在“工作簿”页载入示例公司。", "No customers yet. Add one, or load a sample company on the Workbook page.";
    NoMatches => "没有符合条件的客户。", "No customer matches.";
    Completeness => "完整度", "Completeness";
    AverageCompleteness => "资料完整率", "Data completeness";
    Customers => "客户", "customers";
    ListKeyboardHint => "↑↓ 移动，Enter 打开，空格选择", "↑↓ move, Enter opens, Space selects";
    SortBy => "排序", "Sort by";
    Related => "相关记录", "Related records";
    RelatedEmpty => "暂无相关记录。", "No related records yet.";
    Created => "创建于", "Created";
    Updated => "更新于", "Updated";
    CustomerNotFound => "找不到这位客户（可能已被删除）。", "This customer does not exist (it may have been deleted).";
    InTrash => "此客户在回收站中。", "This customer is in the trash.";
    Saved => "已保存", "Saved";
    MovedToTrash => "已移到回收站", "Moved to the trash";
    Restored => "已恢复", "Restored";
    FixErrors => "请先修正标出的错误。", "Please fix the marked errors first.";
    Optional => "选填", "optional";
    Required => "必填", "required";

    // Customer fields
    FieldKind => "类型", "Type";
    KindPerson => "个人", "Person";
    KindCompany => "企业", "Company";
    FieldName => "姓名/名称", "Name";
    FieldPhone => "电话", "Phone";
    FieldEmail => "电子邮箱", "E-mail";
    FieldCompany => "公司", "Company";
    FieldTitle => "职务", "Title";
    FieldIndustry => "行业", "Industry";
    FieldRegion => "地区", "Region";
    FieldAddress => "地址", "Address";
    FieldSource => "来源", "Source";
    FieldStage => "阶段", "Stage";
    FieldTags => "标签", "Tags";
    FieldTagsHint => "用逗号分隔", "Separated by commas";
    FieldNotes => "备注", "Notes";
    FieldBirthday => "生日", "Birthday";
    PhoneHint => "手机 13812345678、座机 0791-8888888 或 +86 …", "Mobile 13812345678, landline 0791-8888888 or +86 …";
    StageProspect => "潜在", "Prospect";
    StageIntent => "意向", "Intent";
    StageCustomer => "成交", "Customer";
    StageLoyal => "忠诚", "Loyal";
    StageLost => "流失", "Lost";

    // Trash
    TrashEmpty => "回收站是空的。", "The trash is empty.";
    EmptyTrash => "清空回收站", "Empty the trash";
    DeleteForeverConfirm => "永久删除所选的回收站记录？此操作不能撤销。", "Delete the chosen records in the trash for good? This cannot be undone.";
    DeletedForever => "已永久删除", "Deleted for good";
    TrashEmptied => "回收站已清空", "The trash was emptied";
    DeletedAt => "删除于", "Deleted";
    DeleteForever => "永久删除", "Delete for good";

    // Workbook
    WorkbookTitle => "工作簿：导出、导入与备份", "Workbook: export, import and backup";
    Owner => "所有者", "Owner";
    OwnerName => "姓名", "Name";
    OwnerClass => "班级", "Class";
    OwnerStudentId => "学号", "Student number";
    OwnerSaved => "所有者已保存", "Owner saved";
    Export => "导出工作簿", "Export workbook";
    ExportHint => "把全部数据保存为一个 .kehu.json 文件：交作业、备份都用它。", "Save all data as one .kehu.json file: for handing in work and for backups.";
    ExportFailed => "浏览器没有开始下载，文件未保存（若是替换导入，则没有替换任何数据）。请检查浏览器的下载设置后重试。", "The browser did not start the download, so no file was saved (and for a replace, nothing was replaced). Check the browser's download settings and try again.";
    Exported => "已导出", "Exported";
    Import => "导入工作簿", "Import workbook";
    ImportHint => "先检查整个文件；有任何问题都不会写入。", "The whole file is checked first; if anything is wrong, nothing is written.";
    ChooseFile => "选择文件", "Choose a file";
    DropFileHere => "或把文件拖到这里", "or drop a file here";
    ImportMode => "导入方式", "Import mode";
    ModeMerge => "合并（按 id，较新的记录优先）", "Merge (by id, the newer record wins)";
    MergeHint => "合并时，文件中的记录只有在其 updated_at（更新时间）晚于本地记录时才会替换本地记录；只改文件内容而不改更新时间，合并后会保持本地版本。", "When merging, a record in the file replaces yours only if its updated_at is later than yours; a record edited in the file without a later updated_at keeps your version.";
    ModeReplace => "替换（先自动下载当前数据的备份）", "Replace (downloads a backup of the current data first)";
    ReplaceConfirm => "用文件中的数据替换当前的全部数据？确定后会先下载当前数据的备份，再替换。", "Replace all current data with the file's? A backup of the current data is downloaded first, then it is replaced.";
    ReplaceAction => "备份并替换", "Back up and replace";
    ImportRefused => "文件未导入，数据没有任何改动。问题：", "The file was not imported; nothing was changed. Problems:";
    AndMore => "另有更多问题：", "More problems:";
    ImportMerged => "合并完成", "Merge complete";
    ImportReplaced => "已替换为导入的数据", "Replaced with the imported data";
    Added => "新增", "added";
    UpdatedCount => "更新", "updated";
    Unchanged => "未变", "unchanged";
    SampleData => "示例数据", "Sample data";
    SampleHint => "在空的工作簿中载入一家示例公司，用来练习。", "Load a sample company into an empty workbook to practise on.";
    LoadRealEstate => "载入示例：江西××房地产公司", "Load sample: Jiangxi real-estate company";
    LoadTaobao => "载入示例：淘宝网店", "Load sample: Taobao shop";
    SampleLoaded => "示例数据已载入", "Sample data loaded";
    SampleNeedsEmpty => "示例只能载入空的工作簿。", "Samples load only into an empty workbook.";
    Records => "条记录", "records";
    LastExport => "上次导出", "Last export";
    Never => "从未", "never";
    Working => "正在处理…", "Working…";
}
