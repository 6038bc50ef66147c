/**
 * Model files: a model's weights as safetensors and its architecture as JSON metadata
 * ({@link dev.backprop.io.ModelFile}).
 */
module dev.backprop.io {
    requires transitive dev.backprop;
    requires com.fasterxml.jackson.databind;

    exports dev.backprop.io;
}
