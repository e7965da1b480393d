"""Values and names as hand-written training loops print them (tester t61)."""

from tests.test_parsing import steps_of


def test_names_listed_then_values_pairwise() -> None:
    # the Keras guide's `print("test loss, test acc:", results)`: each name its own value
    assert steps_of("test loss, test acc: [0.19519272446632385, 0.9800000190734863]") == [
        ("test_loss", 0.19519272446632385, 0), ("test_acc", 0.9800000190734863, 0)]
    assert steps_of("loss, acc: 0.1952 0.98") == [("loss", 0.1952, 0), ("acc", 0.98, 0)]
    assert steps_of("Epoch 1: RMSE, MAE = 1.8889, 1.4046") == [
        ("RMSE", 1.8889, 1), ("MAE", 1.4046, 1)]
    # the first name's qualifier names the one-word names after it
    assert steps_of("Test RMSE, MAE: 0.95, 0.75") == [("Test_RMSE", 0.95, 0), ("Test_MAE", 0.75, 0)]
    assert steps_of("Precision, Recall, F1: 0.81, 0.79, 0.80") == [
        ("Precision", 0.81, 0), ("Recall", 0.79, 0), ("F1", 0.8, 0)]
    # one name, its phases in parentheses: as `loss (train/val): 0.5/0.6`
    assert steps_of("acc (train/val/test): 0.90 0.85 0.84") == [
        ("train_acc", 0.9, 0), ("val_acc", 0.85, 0), ("test_acc", 0.84, 0)]
    # counts that differ: no name takes another's value
    assert steps_of("loss, acc: 0.1952 0.98 0.5") == []


def test_phase_names_the_bare_measure_after_it() -> None:
    assert steps_of("Epoch 1, Train Loss: 0.5789, Acc: 0.7767, Val Loss: 0.5922, Acc: 0.7900") == [
        ("Train_Loss", 0.5789, 1), ("Train_Acc", 0.7767, 1), ("Val_Loss", 0.5922, 1),
        ("Val_Acc", 0.79, 1)]
    # one phase on the line: as printed (pytorch_beginner's `Test Loss: 2.25, Acc: 0.34`)
    assert steps_of("Epoch 1 summary: val_loss: 0.2333, mAP: 0.33") == [
        ("val_loss", 0.2333, 1), ("mAP", 0.33, 1)]
    assert steps_of("Epoch 1 [1.0s]: train_loss = 0.4012, valid HR@10 = 0.5123, NDCG@10 = 0.3012"
                    ) == [("train_loss", 0.4012, 1), ("valid_HR@10", 0.5123, 1),
                          ("valid_NDCG@10", 0.3012, 1)]
    # a qualified name stays as printed (rich_logging_loop's `val_acc=0.84, best_val_acc=0.84`)
    assert steps_of("val_acc=0.8400, best_val_acc=0.8400") == [
        ("val_acc", 0.84, 0), ("best_val_acc", 0.84, 0)]
    # an abbreviation before a phase's word stays in the name (PyG's GraphSAGE examples)
    assert steps_of("Epoch 01, Loss: 1.3669, Approx. Train: 0.3491") == [
        ("Loss", 1.3669, 1), ("Approx_Train", 0.3491, 1)]
