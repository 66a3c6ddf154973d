/** The command line ({@code qrbeam send|receive|relay}): a composition root over the engine; exports nothing. */
module dev.qrbeam.cli {
    requires dev.qrbeam.core;
    requires dev.qrbeam.relay;
    requires info.picocli;
    requires me.tongfei.progressbar;
    requires com.google.zxing;

    opens dev.qrbeam.cli to
            info.picocli; // picocli fills the commands' annotated fields
}
