/**
 * A user's application: it needs backprop's API only; the backend is whichever backend module or jar
 * the build puts beside it.
 */
module com.example.xor {
    requires dev.backprop;
}
